"""Keyboard-only use: Tab to a control, check that focus can be seen and never gets trapped."""

import pytest

ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!window.__e2eIds) { window.__e2eIds = new WeakMap(); window.__e2eNext = 1; }
  if (!window.__e2eIds.has(el)) window.__e2eIds.set(el, window.__e2eNext++);
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    key: window.__e2eIds.get(el),
    tag: el.tagName,
    text: (el.innerText || el.value || "").replace(/\\s+/g, " ").trim(),
    label: label.replace(/\\s+/g, " ").trim(),
    styled: el.matches(":focus-visible") && (outline || style.boxShadow !== "none"),
  };
}"""


def focused(page):
    return page.evaluate(ACTIVE)


def describe(info):
    return f"<{info['tag'].lower()}> {info['label'] or info['text']!r}"[:120]


def assert_focus_visible(page):
    """The focused control looks different from the unfocused one (compared pixel by pixel)."""
    box = page.evaluate(
        """() => { const r = document.activeElement.getBoundingClientRect();
                   return {x: r.x, y: r.y, width: r.width, height: r.height,
                           vw: innerWidth, vh: innerHeight}; }"""
    )
    x, y = max(box["x"] - 8, 0), max(box["y"] - 8, 0)
    clip = {
        "x": x,
        "y": y,
        "width": max(min(box["x"] + box["width"] + 8, box["vw"]) - x, 1),
        "height": max(min(box["y"] + box["height"] + 8, box["vh"]) - y, 1),
    }
    with_focus = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => { window.__e2eFocus = document.activeElement; window.__e2eFocus.blur(); }")
    without_focus = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__e2eFocus.focus({focusVisible: true})")
    info = focused(page)
    assert with_focus != without_focus, f"focus cannot be seen on {describe(info)}"


def _matches(info, tag, text, label):
    if tag and info["tag"] != tag:
        return False
    if text and not text.search(info["text"]):
        return False
    if label and not label.search(info["label"]):
        return False
    return True


def tab_to(page, *, tag=None, text=None, label=None, limit=250):
    """Press Tab until the wanted control has focus; every control passed must show focus."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:
            continue
        passed.append(info)
        if _matches(info, tag, text, label):
            assert_focus_visible(page)
            return info
        if info["tag"] != "INPUT":  # tick boxes are drawn by their label: checked where used
            assert info["styled"], f"no visible focus style on {describe(info)}"
    pytest.fail(
        f"Tab never reached {tag} {text or label} after {limit} presses; "
        f"last: {[describe(i) for i in passed[-5:]]}",
        pytrace=False,
    )


def assert_no_keyboard_trap(page, limit=800):
    """From the top of a freshly loaded page, Tab visits every control once and comes back round."""
    first, seen = None, set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:
            if seen:
                return len(seen)
            continue
        if info["key"] == first:
            return len(seen)
        if first is None:
            first = info["key"]
        assert info["key"] not in seen, f"focus is trapped: back on {describe(info)} too early"
        seen.add(info["key"])
    pytest.fail(f"focus never came back round after {limit} presses of Tab", pytrace=False)
