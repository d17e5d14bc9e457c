"""The size limits STYLE.md sets: no module over 400 lines, class over 200, function over 50.

Small pieces are easier to read, review and test, so `make lint` fails on any piece that grows
past a limit. It runs this file as a script (`python tests/test_code_shape.py`), needing neither
Django nor a database; pytest runs the same check as a test.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "config",
    "core",
    "finder",
    "casestudies",
    "vanguards",
    "guidance",
    "content",
    "curation",
    "pages",
]
SKIPPED_DIRS = {"migrations", "tests", "bench", "__pycache__"}
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 200
MAX_FUNCTION_LINES = 50


def application_modules(*, root=ROOT):
    """Every Python file of the application packages, leaving out migrations, tests and bench."""
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if not SKIPPED_DIRS.intersection(path.relative_to(root).parts):
                yield path


def violations_in(path, *, root=ROOT):
    """One message per piece of `path` over its limit, as `file:line name is N lines (max M)`."""
    source = path.read_text(encoding="utf-8")
    where = path.relative_to(root).as_posix()
    found = []
    module_lines = len(source.splitlines())
    if module_lines > MAX_MODULE_LINES:
        found.append(f"{where}:1 module is {module_lines} lines (max {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(source, filename=where)):
        if isinstance(node, ast.ClassDef):
            kind, limit = "class", MAX_CLASS_LINES
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            kind, limit = "function", MAX_FUNCTION_LINES
        else:
            continue
        # From the def/class line itself (not its decorators) to its last line.
        size = node.end_lineno - node.lineno + 1
        if size > limit:
            found.append(f"{where}:{node.lineno} {kind} {node.name} is {size} lines (max {limit})")
    return found


def all_violations(*, root=ROOT):
    """Every violation in the application packages, in file order."""
    return [message for path in application_modules(root=root) for message in violations_in(path)]


def test_no_module_class_or_function_is_over_its_size_limit():
    found = all_violations()
    assert not found, "Over the size limits:\n" + "\n".join(found)


def main():
    """Print each violation; exit 1 if there is any, as a linter does."""
    found = all_violations()
    for message in found:
        print(message)
    if found:
        print(f"{len(found)} piece(s) over the size limits (STYLE.md, tests/test_code_shape.py)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
