"""Text from users and content files, made safe to store, search and write out.

One rule for every way in (``clean_input``: the admin and its inline rows, the public
submission form, the content loader, the plan builder) and one guard for every way out that
writes XML or Word (``xml_safe``: feeds, the sitemap, .docx), so a row stored before the rule
existed cannot break an export either.
"""

import dataclasses
import re
import unicodedata

# C0 controls other than tab and newline (what Word and PDF copy-paste leave behind: vertical
# tab, form feed, U+0001 …), DEL, lone surrogates and the two non-characters XML refuses.
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 (lxml, Django's feed writer) cannot hold at all.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """User text without NULs, control or private-use characters (they break SQL, XML or marks)."""
    value = "" if value is None else str(value)
    return "".join(
        " " if ch in "\t\r\n" else ch
        for ch in value
        if ch in "\t\r\n" or unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn"}
    )


def normalise_newlines(value):
    """Line breaks as \n, as the content files store them; browsers send \r\n."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def clean_input(value):
    """Text as it is stored: newlines as \n, Unicode in NFC, no control characters but tab and
    newline. Anything that is not text is returned as it is."""
    if not isinstance(value, str):
        return value
    value = normalise_newlines(value)
    value = UNWANTED.sub("", value)
    return unicodedata.normalize("NFC", value)


def unwanted_characters(value):
    """(position, character) for each character ``clean_input`` removes, positions from 1.

    The loader reports these instead of removing them silently: a content file is reviewed
    in git, so the fix belongs in the file."""
    text = normalise_newlines(value)
    return [(match.start() + 1, match.group()) for match in UNWANTED.finditer(text)]


def describe_character(ch):
    """'U+000B (LINE TABULATION)': a character named so a curator can find it."""
    name = unicodedata.name(ch, "") or {"\x0b": "VERTICAL TAB", "\x0c": "FORM FEED"}.get(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else " (a control character)")


def xml_safe(value):
    """The guard at every XML or Word writer: drop what XML 1.0 cannot hold."""
    if not isinstance(value, str):
        return value
    return NOT_XML.sub("", value)


def xml_safe_copy(value):
    """A dataclass (a printable Document, its Items and Links), tuple or text with every text
    made safe for XML; anything else as it is."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, tuple):
        return tuple(xml_safe_copy(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [f.name for f in dataclasses.fields(value)]
        return dataclasses.replace(value, **{n: xml_safe_copy(getattr(value, n)) for n in names})
    return value


def short(value, limit=40):
    """A bad value described by its type and a short prefix, never its full repr().

    A YAML alias bomb or a 5,000-level nesting in an error message would otherwise be expanded
    until memory runs out."""
    kind = type(value).__name__
    if isinstance(value, dict | list | tuple | set):
        return f"a {kind} of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"a whole number of about {int(value.bit_length() * 0.30103)} digits"
    text = value if isinstance(value, str) else repr(value)
    shown = text[:limit] + ("…" if len(text) > limit else "")
    return f"{kind} {shown!r}"
