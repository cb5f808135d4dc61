#!/bin/bash
# t_docs.sh SRCDIR - the user guides show real screens: every code block after
# `<!-- screen: NAME -->` in docs/guide.LANG.md is exactly docs/screens/LANG/NAME.txt
# (written by docs/capture.sh from the running program), and the documents the
# guides and the README point to exist.
set -u
SRC=${1:?usage: t_docs.sh SRCDIR}
python3 - "$SRC" <<'PY'
import pathlib, re, sys
src = pathlib.Path(sys.argv[1])
bad = 0
for lang in ("de", "en"):
    guide = src / "docs" / f"guide.{lang}.md"
    text = guide.read_text()
    blocks = re.findall(r"<!-- screen: ([\w-]+) -->\n```\n((?:(?!```)[^\n]*\n)*)```", text)
    if len(blocks) < 8:
        print(f"FAIL: {guide.name}: only {len(blocks)} screens"); bad += 1
    for name, body in blocks:
        shot = src / "docs" / "screens" / lang / f"{name}.txt"
        if not shot.exists():
            print(f"FAIL: {guide.name}: no capture {shot}"); bad += 1
        elif body.rstrip("\n") != shot.read_text().rstrip("\n"):
            print(f"FAIL: {guide.name}: screen '{name}' differs from {shot} (run docs/capture.sh)"); bad += 1
        elif len(body.strip()) == 0:
            print(f"FAIL: {guide.name}: screen '{name}' is empty"); bad += 1
    for link in re.findall(r"\]\(([\w./-]+\.md)\)", text):
        if not (guide.parent / link).exists():
            print(f"FAIL: {guide.name}: link to missing {link}"); bad += 1
for doc in ("CHANGELOG.md", "docs/admin-guide.md", "docs/data-model.md", "docs/json-format.md",
            "docs/filter.md", "docs/guide.de.md", "docs/guide.en.md"):
    if not (src / doc).exists():
        print(f"FAIL: {doc} is missing"); bad += 1
sys.exit(1 if bad else 0)
PY
