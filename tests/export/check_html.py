#!/usr/bin/env python3
"""check_html.py FILE - checks an HTML export of ozgtui: well-formed (every
non-void element closed, in order), one <h1>, no skipped heading levels,
lang="de", every <table> with a <caption> first and every <th> with scope,
self-contained (no script, no external URL in any attribute or in the CSS),
print CSS, and every colour pair of the CSS with a contrast of at least 7:1."""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.headings = [], [], []
        self.lang = None
        self.style = ""
        self.in_style = False
        self.table_first = None   # expecting the first child of a <table>

    def err(self, msg):
        self.errors.append(f"line {self.getpos()[0]}: {msg}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.table_first is not None:
            if tag != "caption":
                self.err("<table> without a <caption> first")
            self.table_first = None
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "script":
            self.err("a script")
        if tag == "table":
            self.table_first = True
        if tag == "th" and a.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
            self.err("<th> without scope")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        for k, v in attrs:
            if k.startswith("on"):
                self.err(f"event handler {k}")
            if v and re.search(r"(?i)^\s*(https?:|//|javascript:|data:)", v):
                self.err(f"external or active URL in {k}: {v}")
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.err(f"self-closed <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.err(f"end tag of void <{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.err(f"</{tag}> does not close <{self.stack[-1] if self.stack else '-'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data


def luminance(hexcolour):
    h = hexcolour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_css(css, errors):
    if "@media print" not in css:
        errors.append("no print CSS")
    if re.search(r"(?i)url\(|@import|https?:", css):
        errors.append("the CSS loads something")
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    body_fg, body_bg = "#000", "#fff"
    for sel, decl in rules:
        fg = re.search(r"(?:^|;)\s*color:\s*(#[0-9a-fA-F]{3,6})", decl)
        bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})", decl)
        if sel.strip() == "body" and fg and bg:
            body_fg, body_bg = fg.group(1), bg.group(1)
    pairs = 0
    for sel, decl in rules:
        fg = re.search(r"(?:^|;)\s*color:\s*(#[0-9a-fA-F]{3,6})", decl)
        bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})", decl)
        if not fg and not bg:
            continue
        f, b = fg.group(1) if fg else body_fg, bg.group(1) if bg else body_bg
        pairs += 1
        if contrast(f, b) < 7:
            errors.append(f"contrast {contrast(f, b):.2f}:1 of {f} on {b} in '{sel.strip()}'")
    if pairs < 3:
        errors.append("too few colour pairs found in the CSS")


def main(path):
    text = open(path, encoding="utf-8").read()
    c = Check()
    c.feed(text)
    c.close()
    errors = list(c.errors)
    if not text.startswith("<!DOCTYPE html>"):
        errors.append("no doctype")
    if c.stack:
        errors.append(f"unclosed at the end: {c.stack}")
    if c.lang != "de":
        errors.append(f'lang is {c.lang!r}, not "de"')
    if c.headings.count(1) != 1 or c.headings[0] != 1:
        errors.append("not exactly one <h1> first")
    for a, b in zip(c.headings, c.headings[1:]):
        if b > a + 1:
            errors.append(f"heading level jumps from h{a} to h{b}")
    if "<caption>" not in text:
        errors.append("no caption")
    check_css(c.style, errors)
    for e in errors[:20]:
        print(f"{path}: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
