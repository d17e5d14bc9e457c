"""Hostile input and the checks that it stayed inert: shared by the security tests."""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import models
from django.urls import Resolver404, resolve

# Stored-XSS corpus: every way we know to get active content through Markdown plus a sanitiser.
MARKDOWN_CORPUS = [
    "<script>alert('xss-script')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert('xss-img')>",
    "<svg onload=alert('xss-svg')><script>alert('xss-svg-script')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('xss-svg-link')\"><text>x</text></a></svg>",
    "<a href=\"javascript:alert('xss-a')\">click</a>",
    "<a href=\"JaVaScRiPt:alert('xss-case')\">case</a>",
    "<a href=\"&#106;avascript:alert('xss-entity')\">entity</a>",
    "<a href=\" javascript:alert('xss-space')\">space</a>",
    "<a href=\"java\tscript:alert('xss-tab')\">tab</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "<object data=\"data:text/html,<script>alert('xss-object')</script>\"></object>",
    "<embed src=\"javascript:alert('xss-embed')\">",
    '<div style="background:url(javascript:alert(1))" onmouseover="alert(\'xss-div\')">x</div>',
    "<p onclick=alert('xss-p')>para</p>",
    "<body onload=alert('xss-body')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mxss')>",
    "<<script>alert('xss-broken');//<</script>",
    "<scr<script>ipt>alert('xss-nested')</scr</script>ipt>",
    '<img src="x" alt="" onerror="alert(\'xss-unclosed\')"',
    "\"><script>alert('xss-attr-break')</script>",
    "'><img src=x onerror=alert('xss-quote')>",
    "<!--<script>alert(1)//--><script>alert('xss-comment')</script>",
    "<base href=\"javascript:alert('xss-base')//\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-meta\')">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button>'
    "</form>",
    "<details open ontoggle=alert('xss-details')>",
    "<a href=\"vbscript:msgbox('xss-vb')\">vb</a>",
    "[markdown link](javascript:alert('xss-md-link'))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![markdown image](javascript:alert('xss-md-img'))",
    "![img](x\" onerror=\"alert('xss-md-img-attr'))",
    "[ref link][evil]\n\n[evil]: javascript:alert('xss-md-ref')",
    "<javascript:alert('xss-autolink')>",
    "[entity link](&#x6A;avascript:alert('xss-md-entity'))",
    "[spaced](  javascript:alert('xss-md-space'))",
    '[titled](https://example.org "x" onmouseover="alert(\'xss-md-title\')")',
    "`<script>alert('code-is-text')</script>`",
    "    <script>alert('indented-code-is-text')</script>",
    "*[XSS]: <script>alert('xss-abbr')</script>\n\nXSS here",
    "| a | b |\n|---|---|\n| <script>alert('xss-cell')</script> | <img src=x onerror=alert(1)> |",
    "Term\n: <img src=x onerror=alert('xss-deflist')>",
]
MARKDOWN_PAYLOAD = "\n\n".join(MARKDOWN_CORPUS)
SHORT_PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"
HOSTILE_URLS = [
    "javascript:alert('xss-url')",
    "data:text/html,<script>alert(1)</script>",
    " JAVASCRIPT:alert(1)",
    "vbscript:msgbox(1)",
]

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "srcset",
    "ping",
    "lowsrc",
    "dynsrc",
}
FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "svg",
    "math",
    "base",
    "applet",
    "style",
    "template",
    "portal",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")


def _scheme_of(value):
    """The URL as a browser parses it (WHATWG): leading and trailing C0 controls and spaces
    stripped, every tab and newline removed, scheme case-insensitive. "java\tscript:" is
    javascript:, but "java   script:" (Markdown turns tabs into spaces) is a relative path."""
    cleaned = value.strip("".join(chr(c) for c in range(0x21)))
    return "".join(ch for ch in cleaned if ch not in "\t\n\r").lower()


class ActiveContent(HTMLParser):
    """Collects everything in a page that could run script or leave the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.links = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), value or "") for name, value in attrs]
        names = dict(attrs)
        if tag == "script":
            src = names.get("src", "")
            if not src.startswith("/static/"):
                self.problems.append(f"<script> {attrs}")
            self._in_script = True
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> {attrs}")
        if tag == "meta" and names.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"<meta refresh> {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES:
                scheme = _scheme_of(value)
                layout_icon = tag == "link" and names.get("rel") == "icon" and value == "data:,"
                if scheme.startswith(BAD_SCHEMES) and not layout_icon:
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and (
                "javascript:" in _scheme_of(value) or "expression(" in value.lower()
            ):
                self.problems.append(f"<{tag} style={value!r}>")
        if tag == "a" and names.get("href"):
            self.links.append(names["href"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:80]!r}")


def active_content(html):
    """Every script, event handler, script URL or dangerous element in the HTML."""
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.problems


def links_in(html):
    parser = ActiveContent()
    parser.feed(html)
    return parser.links


def crawl(client, start, *, per_view=4, limit=300):
    """Follow same-site links from `start` (no admin, no static files); {url: response}.

    At most `per_view` URLs per view, so pages with many filter links stay bounded.
    """
    queue, seen, pages, per = deque(start), set(start), {}, Counter()
    while queue and len(pages) < limit:
        url = queue.popleft()
        try:
            view = resolve(urlsplit(url).path).view_name
        except Resolver404:
            view = "404"
        if per[view] >= per_view:
            continue
        per[view] += 1
        response = client.get(url)
        pages[url] = response
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in links_in(response.content.decode("utf-8", "replace")):
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
                continue
            if parts.path.startswith(("/admin", "/static")):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                seen.add(local)
                queue.append(local)
    return pages


def fill_text_fields(instance, *, long_text=MARKDOWN_PAYLOAD, short_text=SHORT_PAYLOAD):
    """Put hostile text into every free-text field of a row (not slugs, choices or URLs)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        if isinstance(field, (models.SlugField, models.URLField, models.EmailField)):
            continue
        if field.choices or not field.editable or field.name in {"seed_file"}:
            continue
        if isinstance(field, models.TextField):
            value = long_text
        else:
            suffix = f"#{instance.pk}" if field.unique else ""
            limit = (field.max_length or 200) - len(suffix)
            value = short_text[:limit] + suffix
        setattr(instance, field.name, value)
    instance.save()
    return instance
