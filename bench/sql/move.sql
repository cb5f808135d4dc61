-- change one project's phase: the history entry, the reached date, the project
BEGIN;
INSERT INTO history (time, user, entity, entity_id, project_number, action, summary, from_phase, to_phase, reason, forced)
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench', 'project', p.uuid, p.number, 'move',
         'phase ' || a.name || ' → ' || b.name, p.phase, b.id, 'bench', 1
  FROM projects p JOIN phases a ON a.id = p.phase JOIN phases b ON b.slug = '@PHASE@'
  WHERE p.number = @N@;
INSERT INTO project_dates (project, phase, reached)
  SELECT @N@, id, date('now') FROM phases WHERE slug = '@PHASE@'
  ON CONFLICT (project, phase) DO UPDATE SET reached = coalesce(reached, excluded.reached);
UPDATE projects SET phase = (SELECT id FROM phases WHERE slug = '@PHASE@'), version = version + 1,
  updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), updated_by = 'bench'
  WHERE number = @N@;
COMMIT;
