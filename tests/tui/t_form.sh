#!/bin/bash
# Project form: a adds a project (title, topic field from a picker, a service
# and the lead by name with completion, priority, base components, a planned
# date), the CLI lists it; e edits it; q with changes asks first; E edits the
# notes in $EDITOR (a script appending a line), the CLI shows the new notes.
. "$(dirname "$0")/lib.sh"
demo_db
cat >"$TMP/editor.sh" <<'SH'
#!/bin/sh
echo "Abstimmung mit dem Kreis: Größe ✓" >>"$1"
SH
chmod +x "$TMP/editor.sh"
export EDITOR="$TMP/editor.sh"
unset VISUAL

start 80 24
keys 2 a
wait_for "Neues Projekt"
wait_for "Geplant: Betrieb"
screen | grep -q "Geplant: Pausiert" && fail "no planned date for a phase outside the line"
ok "a opens an empty form with a planned date per phase of the line"

keys s
wait_for "nicht angelegt"
ok "saving without title and field is refused with the reason"

keys g Enter
wait_for "Titel:"
type_text "Bewohnerparkausweis digital – Prüfung"
keys Enter
wait_line "Titel +Bewohnerparkausweis digital"
keys j Enter
wait_for "Mobilität & Reisen"
keys 9
wait_line "Themenfeld +Mobilität & Reisen"
keys j Enter
wait_for "+ Leistung hinzufügen"
keys Enter
wait_for "Leistung:"
type_text "Parkausweise und"
wait_for "Kandidaten:"
keys Tab Enter
wait_line "OZG-Leistungen +10173 Parkausweise und Zufahrtsberechtigungen"
keys j Enter
wait_for "Federführung (Name oder AGS"
type_text "Münster, St"
keys Tab Enter
wait_line "Federführung +Münster, Stadt"
keys j Enter
wait_for "Priorität"
keys 3
wait_line "Priorität \(1-5\) +2"
keys j Enter
type_text "ePayBL, Servicekonto.NRW,  ePayBL"
keys Enter
wait_line "Basiskomponenten +ePayBL, Servicekonto.NRW$"
keys j j j j Enter
wait_for "Geplant für Workshop"
type_text "2025-13-40"
keys Enter
wait_for "kein Datum"
keys C-u
type_text "2025-06-30"
keys Enter
wait_line "Geplant: Workshop +2025-06-30"
ok "fields filled: title, field picker, service and lead with completion, priority, components, date"

keys s
wait_line "✓ Projekt #[0-9]+ angelegt: Bewohnerparkausweis digital"
number=$(screen | sed -n 's/.*✓ Projekt #\([0-9]*\) angelegt.*/\1/p' | head -1)
cli list --format json | grep -q '"title": "Bewohnerparkausweis digital – Prüfung"' ||
	fail "ozgtui list --format json does not contain the new project"
json=$(cli show "$number" --format json | tr -d '\n')
echo "$json" | grep -q '"lead": *"Münster, Stadt"' || echo "$json" | grep -q 'Münster, Stadt' || fail "lead not saved"
echo "$json" | grep -q 'Servicekonto.NRW' || fail "components not saved"
echo "$json" | grep -q '2025-06-30' || fail "planned date not saved"
ok "s creates project #$number; the CLI lists it with lead, components and date"

# edit it: e, change the priority, q asks, then save
keys /
type_text "Bewohnerparkausweis"
keys Enter e
wait_for "Projekt #$number bearbeiten (Version 1)"
keys j j j j Enter
wait_for "Priorität"
keys 6
wait_line "^\* Priorität \(1-5\) +5"
keys q
wait_for "Ihre Änderungen verwerfen? (j/n)"
keys n
wait_for "bearbeiten (Version 1)"
keys s
wait_for "✓ #$number gespeichert (Version 2)"
cli show "$number" --format json | grep -q '"priority": 5' || fail "priority not saved by e"
ok "e edits with a * on changed fields; q asks before discarding; s saves"

# notes in $EDITOR
keys E
wait_for "✓ #$number: Notizen gespeichert"
cli show "$number" --format json | grep -q '"notes": "Abstimmung mit dem Kreis: Größe ✓"' ||
	fail "notes not saved: $(cli show "$number" --format json | grep notes)"
keys E
# the status line says the same as after the first E: wait for the database
i=0
until cli show "$number" --format json | grep -q '"notes": "Abstimmung mit dem Kreis: Größe ✓\\nAbstimmung mit dem Kreis: Größe ✓"'; do
	i=$((i + 1))
	[ $i -ge $((50 * SCALE)) ] && fail "second line not appended: $(cli show "$number" --format json | grep notes)"
	sleep 0.1
done
ok "E runs \$EDITOR on the notes and saves what it wrote"

# an editor that fails changes nothing; invalid UTF-8 is refused
cat >"$TMP/editor.sh" <<'SH'
#!/bin/sh
printf 'kaputt \377\n' >>"$1"
SH
keys E
wait_for "kein gültiger UTF-8-Text"
cli show "$number" --format json | grep -q 'kaputt' && fail "invalid UTF-8 was saved"
ok "invalid UTF-8 from the editor is refused"
quit
