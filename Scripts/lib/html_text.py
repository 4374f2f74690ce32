"""A plain HTML-to-text reader for building measuring sets: the text of block elements,
outside scripts, navigation, headers, footers and forms. Not the project's HTML reader
(that is `WiretraceFormats`); good enough to pull the paragraphs out of a news page."""

import html.parser
import re

SKIPPED = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "button", "select", "svg",
           "template", "iframe", "figcaption", "label", "option"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "td", "th", "section", "article", "br",
          "tr", "dd", "dt", "pre", "figure", "ul", "ol", "table", "main"}


class _Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.in_paragraph = 0
        self.in_title = False
        self.in_heading = False
        self.blocks = []  # (inside <p>, text)
        self.current = []
        self.title = ""
        self.heading = ""

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append((self.in_paragraph > 0, text))
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
            return
        if tag == "title":
            self.in_title = True
        if tag in BLOCKS:
            self.flush()
        if tag == "p":
            self.in_paragraph += 1
        if tag == "h1":
            self.in_heading = True

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self.flush()
        if tag == "p":
            self.in_paragraph = max(0, self.in_paragraph - 1)
        if tag == "h1":
            self.in_heading = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if self.skipping:
            return
        if self.in_heading:
            self.heading += data
        self.current.append(data)


def decode(raw):
    """UTF-8, else the charset the page declares, else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        declared = re.search(rb"charset=[\"']?([\w.:-]+)", raw[:8192])
        try:
            return raw.decode(declared.group(1).decode("ascii") if declared else "cp1252", errors="replace")
        except LookupError:
            return raw.decode("cp1252", errors="replace")


def read_page(raw):
    """Returns (title, heading, [(inside_p, text)]) for the raw bytes of a page."""
    reader = _Reader()
    try:
        reader.feed(decode(raw))
        reader.close()
    except Exception:  # html.parser copes with nearly anything; a broken page is skipped
        pass
    reader.flush()
    return " ".join(reader.title.split()), " ".join(reader.heading.split()), reader.blocks


def collapse(text):
    return " ".join(text.split())
