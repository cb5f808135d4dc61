-- what changed since the snapshot: projects added, removed, moved; team changes; outcomes opened or closed
SELECT 'added', p.number, p.title FROM projects p
  WHERE NOT EXISTS (SELECT 1 FROM snap_projects s WHERE s.number = p.number)
UNION ALL
SELECT 'removed', s.number, s.title FROM snap_projects s
  WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.number = s.number)
UNION ALL
SELECT 'moved', p.number, a.name || ' → ' || b.name
  FROM projects p JOIN snap_projects s ON s.number = p.number
  JOIN phases a ON a.id = s.phase JOIN phases b ON b.id = p.phase
  WHERE s.phase IS NOT p.phase
UNION ALL
SELECT 'team +', project, org FROM (SELECT project, org, role FROM team EXCEPT SELECT project, org, role FROM snap_team)
UNION ALL
SELECT 'team -', project, org FROM (SELECT project, org, role FROM snap_team EXCEPT SELECT project, org, role FROM team)
UNION ALL
SELECT 'outcome', o.id, s.status || ' → ' || o.status
  FROM outcomes o JOIN snap_outcomes s ON s.id = o.id WHERE s.status IS NOT o.status;
