#!/bin/bash
# Team editor (t): members with category and role, the verdict line, and
# suggestions; adding a village-end member by name (Tab completes, candidates
# shown while typing) turns the verdict representative, which the CLI
# confirms; r cycles the role; d asks before removing; u undoes.
. "$(dirname "$0")/lib.sh"
demo_db

compact_show() {
	cli show "$1" --format json | tr -d ' \n'
}

# a non-representative demo project that lacks only the village end
number=""
for n in $(cli list --filter "rep:no" --format tsv | tail -n +2 | cut -f1); do
	if compact_show "$n" | grep -q '"missing":\["municipality"\]'; then
		number=$n
		break
	fi
done
[ -n "$number" ] || fail "the demo has no project missing only the municipality category"
# a village-end municipality not in that team yet
member=""
for name in Alpen Kerken Dahlem Beelen Rheurdt Metelen; do
	if ! cli show "$number" --format json | grep -q "\"$name\""; then
		member=$name
		break
	fi
done

start 80 24
keys 2 f
type_text "rep:no"
keys Enter
wait_for "Filter: rep:no"
# put the cursor on the project by searching its number
keys /
type_text "$number "
keys Enter t
wait_for "Team von #$number"
wait_for "Team: ✗ nicht repräsentativ — es fehlt: Kreisangehörige Gemeinde"
wait_for "Vorschläge für die fehlenden Kategorien"
wait_line "^  \+ .*Kreisangehörige Gemeinde"
ok "t opens the team editor of #$number: verdict, what is missing, suggestions"

keys a
wait_for "Ins Team aufnehmen"
type_text "${member:0:3}"
wait_for "Kandidaten:"
wait_line "^  $member +Kreisangehörige Gemeinde"
ok "candidates show while typing"
keys C-u
type_text "$member"
keys Tab
wait_for "Tab ergänzt): $member"
keys Enter
wait_for "✓ #$number: + $member (Mitglied)"
wait_for "Team: ✓ repräsentativ"
wait_line "• $member +Kreisangehörige Gemeinde +Mitglied"
compact_show "$number" | grep -q '"representative":true' || fail "the CLI does not see #$number as representative"
cli show "$number" --format json | grep -q "\"$member\"" || fail "the CLI does not list $member in the team"
ok "adding $member turns the verdict representative (CLI confirms)"

keys r
wait_for "$member Mitglied → Beratung"
wait_line "• $member .*Beratung"
ok "r cycles the role"

keys d
wait_for "$member (Beratung) aus dem Team von #$number entfernen? (j/n)"
keys n
wait_for "nichts entfernt"
cli show "$number" --format json | grep -q "\"$member\"" || fail "declined removal removed $member"
ok "d asks first; n keeps the member"

keys Delete
wait_for "$member (Beratung) aus dem Team"
keys y
wait_for "✓ #$number: − $member"
wait_for "Team: ✗ nicht repräsentativ"
cli show "$number" --format json | grep -q "\"$member\"" && fail "$member still in the team after d"
ok "Delete removes after y; the verdict turns back"

keys u
wait_for "rückgängig: Team von Projekt $number"
wait_for "Team: ✓ repräsentativ"
cli show "$number" --format json | grep -q "\"$member\"" || fail "undo did not bring $member back"
ok "u undoes the removal"

# a suggestion is one key away
keys C-r
wait_for "wiederhergestellt: Team von Projekt $number"
wait_for "Team: ✗ nicht repräsentativ"
keys G
keys Enter
wait_line "✓ #$number: \+ .* \(Mitglied\) — Team ✓ repräsentativ"
compact_show "$number" | grep -q '"representative":true' || fail "adding a suggestion did not make #$number representative"
ok "Enter on a suggestion adds it"
quit
