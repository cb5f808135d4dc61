#!/usr/bin/env python3
"""hostile.py - hostile text for the tests in tests/hostile.

  hostile.py doc BASE.json OUT.json    a document to merge into the database of
                                       BASE.json (an export): a new organisation,
                                       project, workshop and outcome, and changed
                                       names of a topic field and a service, every
                                       text made of the payloads below
  hostile.py termsafe WHAT             reads stdin; exit 1 (naming WHAT and the
                                       first offence) unless it is valid UTF-8
                                       without any control character but newline
                                       and tab, without C1 controls (CSI, OSC, ...)
                                       and without bidirectional overrides
  hostile.py placeholders WHAT [all]   reads stdin; exit 1 unless the visible
                                       placeholder of ESC (U+241B) is in it; with
                                       "all" also that of a C1 control or bidi
                                       override (U+FFFD)
"""
import json
import sys
import uuid

# What a terminal must never receive from data: each would do something.
PAYLOADS = [
    "\x1b[31mROT\x1b[0m",                          # colour (SGR)
    "\x1b]0;TITEL-GEKAPERT\x07",                  # window title, OSC 0 with BEL
    "\x1b]2;TITEL-ZWEI\x1b\\",                    # window title, OSC 2 with ST
    "\x1b]52;c;cm0gLXJmIH4K\x07",                 # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example/\x1b\\LINK\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\u202eSPIEGEL\u202c",                        # RIGHT-TO-LEFT OVERRIDE
    "\u2066ISO\u2069",                            # LEFT-TO-RIGHT ISOLATE
    "\u009b31mCSI-C1",                            # 8-bit CSI
    "\u009d0;OSC-C1\u009c",                       # 8-bit OSC ... ST
    "\x1b[2J\x1b[HLEER",                          # clear the screen, cursor home
    "\x1b[6n",                                    # ask the terminal to answer (DSR)
    "\x1bP+q544e\x1b\\",                          # DCS (XTGETTCAP)
    "CR\rBS\bDEL\x7fBEL\x07",                     # carriage return, backspace, ...
]
TEXT = "Böse " + " ".join(PAYLOADS)

ORG = "6f1e5d0c-0000-4000-8000-00000000b05e"
WORKSHOP = "6f1e5d0c-0000-4000-8000-0000000b05e1"
OUTCOME = "6f1e5d0c-0000-4000-8000-0000000b05e2"
PROJECT = "6f1e5d0c-0000-4000-8000-0000000b05e3"


def make_doc(base_path, out_path):
    base = json.load(open(base_path, encoding="utf-8"))
    number = 1 + max([p["number"] for p in base.get("projects", [])] + [0])
    field = base["topic_fields"][0]
    field = dict(field, name="Feld " + TEXT, sponsor="Pate " + TEXT)
    service = dict(base["services"][0], name="Leistung " + TEXT)
    org = {
        "id": ORG, "kind": "municipality", "name": "Gemeinde " + TEXT,
        "ags": "05999999", "category": "municipality", "legal_type": "Gemeinde " + TEXT,
        "population": 1234, "county_ags": None, "size_class": "Landgemeinde",
        "region": "Region " + TEXT, "demo": False, "version": 1,
    }
    project = {
        "id": PROJECT, "number": number, "title": "Projekt " + TEXT[:400],
        "field": field["number"], "services": [service["ozg_id"]], "phase": None,
        "dates": [], "team": [{"org": ORG, "role": "lead"}], "interested": [ORG],
        "ministries": [], "departments": ["Amt " + TEXT], "components": ["Komp " + TEXT],
        "solutions": ["Lösung " + TEXT], "priority": 3, "notes": "Notiz " + TEXT,
        "demo": False, "created": None, "created_by": None, "updated": None,
        "updated_by": None, "version": 1,
    }
    workshop = {
        "id": WORKSHOP, "field": field["number"], "date": "2025-02-01",
        "title": "Workshop " + TEXT[:400], "place": "Ort " + TEXT, "participants": [ORG],
        "head_count": 3, "notes": "WS-Notiz " + TEXT, "demo": False,
        "created": None, "updated": None, "version": 1,
    }
    outcome = {
        "id": OUTCOME, "workshop": WORKSHOP, "kind": "action", "text": "Ergebnis " + TEXT,
        "owner": "Wer " + TEXT, "due": "2025-01-01", "status": "open",
        "projects": [PROJECT], "orgs": [ORG], "services": [], "demo": False,
        "created": None, "updated": None, "version": 1,
    }
    doc = {
        "format": "ozgtui", "format_version": 1,
        "topic_fields": [field], "organisations": [org], "services": [service],
        "projects": [project], "workshops": [workshop], "outcomes": [outcome],
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
    print(number)


BIDI = {0x061C, 0x200E, 0x200F, 0x2028, 0x2029} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def termsafe(what):
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{what}: not valid UTF-8 at byte {e.start}: {data[max(0, e.start - 20):e.start + 20]!r}",
              file=sys.stderr)
        return 1
    for i, ch in enumerate(text):
        c = ord(ch)
        if (c < 0x20 and ch not in "\n\t") or 0x7F <= c <= 0x9F or c in BIDI:
            print(f"{what}: raw U+{c:04X} at character {i}: {text[max(0, i - 30):i + 30]!r}",
                  file=sys.stderr)
            return 1
    return 0


def placeholders(what, everything):
    text = sys.stdin.buffer.read().decode("utf-8", "replace")
    wanted = (("␛ (ESC)", "\u241b"), ("� (bidi, C1)", "\ufffd"))
    missing = [name for name, ch in wanted[:2 if everything else 1] if ch not in text]
    if missing:
        print(f"{what}: no visible placeholder {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "doc":
        make_doc(argv[2], argv[3])
        return 0
    if len(argv) == 3 and argv[1] == "termsafe":
        return termsafe(argv[2])
    if len(argv) in (3, 4) and argv[1] == "placeholders":
        return placeholders(argv[2], argv[3:] == ["all"])
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
