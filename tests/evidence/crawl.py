"""A crawl of the public site on the real content: every page reachable from the home page,
the sitemap and each page's own links (finder and comparison states left out: a finder page
shows the same text as the items it lists), plus every export those pages offer."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from docx import Document as WordDocument

EXPORT_SUFFIXES = (".md", ".docx", ".csv")
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/case-studies/submit/")
SKIP_SUFFIXES = (".pdf",)  # PDFs hold the print page's text, which the crawl reads as HTML


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.hrefs.append(href)


class Text(HTMLParser):
    """The text a reader sees: no tags, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html):
    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def internal_paths(html, *, with_query=False):
    parser = Links()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.query and not with_query:
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def export_text(response, path):
    if path.endswith(".docx"):
        document = WordDocument(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return response.content.decode("utf-8", "replace")


def crawl(client, start, *, limit=2000):
    """{path: visible text} for every public page and export reached from ``start``."""
    seen, queue, texts = set(start), list(start), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if "html" not in kind:
            texts[path] = export_text(response, path)
            continue
        html = response.content.decode()
        texts[path] = visible_text(html)
        for link in internal_paths(html) + exports_of(html):
            if link not in seen and not skipped(link):
                seen.add(link)
                queue.append(link)
    return texts


def exports_of(html):
    return [
        p
        for p in internal_paths(html, with_query=True)
        if p.split("?")[0].endswith(EXPORT_SUFFIXES) or "format=csv" in p
    ]


def skipped(path):
    bare = path.split("?")[0]
    return bare.startswith(SKIP_PREFIXES) or bare.endswith(SKIP_SUFFIXES)


def sitemap_paths(xml):
    return [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
