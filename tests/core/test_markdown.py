"""Markdown is rendered, then sanitised: nothing executable reaches a page."""

from html.parser import HTMLParser

import pytest

from core.templatetags.library import render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<<img src=x onerror=alert(1)//>",
    '[x](https://ok.example "title" onclick="alert(1)")',
]


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html):
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_executable_survives(attack):
    for tag, attrs in parsed(render_markdown(attack)):
        assert tag not in {"script", "iframe", "svg", "img", "object", "embed", "style"}
        assert not any(name.startswith("on") or name == "style" for name in attrs)
        for name in ("href", "src"):
            if name in attrs:
                assert attrs[name].split(":")[0].lower() in {"https", "http", "mailto"}


def test_ordinary_markdown_is_kept():
    html = render_markdown("**Bold**, a [link](https://example.org) and\n\n- a list")
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert "<li>a list</li>" in html


def test_tables_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html
