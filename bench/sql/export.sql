-- the whole database as one JSON document, shaped like ozgtui's export
SELECT json_object(
  'format', 'ozgtui',
  'format_version', 1,
  'exported_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
  'phases', (SELECT json_group_array(json_object('id', id, 'slug', slug, 'name', name,
      'outside_line', json(CASE outside_line WHEN 1 THEN 'true' ELSE 'false' END),
      'closed', json(CASE closed WHEN 1 THEN 'true' ELSE 'false' END)))
    FROM (SELECT * FROM phases ORDER BY pos)),
  'settings', (SELECT json_group_object(key, value) FROM settings),
  'topic_fields', (SELECT json_group_array(json_object('number', number, 'slug', slug, 'name', name,
      'alt_name', alt_name, 'sponsor', sponsor, 'version', version))
    FROM (SELECT * FROM fields ORDER BY number)),
  'organisations', (SELECT json_group_array(json_object('id', uuid, 'kind', kind, 'name', name,
      'ags', ags, 'category', category, 'legal_type', legal_type, 'population', population,
      'county_ags', county_ags, 'size_class', size_class, 'region', region,
      'demo', json(CASE demo WHEN 1 THEN 'true' ELSE 'false' END), 'version', version))
    FROM (SELECT * FROM orgs ORDER BY uuid)),
  'services', (SELECT json_group_array(json_object('ozg_id', ozg_id, 'name', name, 'field', field,
      'life_situation', life_situation, 'categories', categories, 'version', version))
    FROM (SELECT * FROM services ORDER BY ozg_id)),
  'projects', (SELECT json_group_array(json_object(
      'id', p.uuid, 'number', p.number, 'title', p.title, 'field', p.field,
      'services', (SELECT json_group_array(service) FROM
          (SELECT service FROM project_services WHERE project = p.number ORDER BY pos)),
      'phase', (SELECT slug FROM phases WHERE id = p.phase),
      'dates', (SELECT json_group_array(json_object('phase', ph.slug, 'planned', d.planned, 'reached', d.reached))
          FROM project_dates d JOIN phases ph ON ph.id = d.phase WHERE d.project = p.number),
      'team', (SELECT json_group_array(json_object('org', o.uuid, 'role', t.role)) FROM
          (SELECT * FROM team WHERE project = p.number ORDER BY pos) t JOIN orgs o ON o.id = t.org),
      'interested', (SELECT json_group_array(o.uuid) FROM
          (SELECT * FROM interest WHERE project = p.number ORDER BY pos) i JOIN orgs o ON o.id = i.org),
      'ministries', (SELECT json_group_array(o.uuid) FROM
          (SELECT * FROM project_ministries WHERE project = p.number ORDER BY pos) m JOIN orgs o ON o.id = m.org),
      'departments', (SELECT json_group_array(value) FROM project_texts WHERE project = p.number AND kind = 'department'),
      'components', (SELECT json_group_array(value) FROM project_texts WHERE project = p.number AND kind = 'component'),
      'solutions', (SELECT json_group_array(value) FROM project_texts WHERE project = p.number AND kind = 'solution'),
      'priority', p.priority, 'notes', p.notes,
      'demo', json(CASE p.demo WHEN 1 THEN 'true' ELSE 'false' END),
      'created', p.created, 'created_by', p.created_by, 'updated', p.updated, 'updated_by', p.updated_by,
      'version', p.version))
    FROM (SELECT * FROM projects ORDER BY number) p),
  'workshops', (SELECT json_group_array(json_object('id', w.uuid, 'field', w.field, 'date', w.date,
      'title', w.title, 'place', w.place,
      'participants', (SELECT json_group_array(o.uuid) FROM
          (SELECT * FROM workshop_participants WHERE workshop = w.id ORDER BY pos) x JOIN orgs o ON o.id = x.org),
      'head_count', w.head_count, 'notes', w.notes,
      'demo', json(CASE w.demo WHEN 1 THEN 'true' ELSE 'false' END),
      'created', w.created, 'updated', w.updated, 'version', w.version))
    FROM (SELECT * FROM workshops ORDER BY uuid) w),
  'outcomes', (SELECT json_group_array(json_object('id', c.uuid,
      'workshop', (SELECT uuid FROM workshops WHERE id = c.workshop),
      'kind', c.kind, 'text', c.text, 'owner', c.owner, 'due', c.due, 'status', c.status,
      'projects', (SELECT json_group_array(p.uuid) FROM
          (SELECT * FROM outcome_projects WHERE outcome = c.id ORDER BY pos) x JOIN projects p ON p.number = x.project),
      'orgs', (SELECT json_group_array(o.uuid) FROM
          (SELECT * FROM outcome_orgs WHERE outcome = c.id ORDER BY pos) x JOIN orgs o ON o.id = x.org),
      'services', (SELECT json_group_array(service) FROM
          (SELECT service FROM outcome_services WHERE outcome = c.id ORDER BY pos)),
      'demo', json(CASE c.demo WHEN 1 THEN 'true' ELSE 'false' END),
      'created', c.created, 'updated', c.updated, 'version', c.version))
    FROM (SELECT * FROM outcomes ORDER BY uuid) c),
  'history', (SELECT json_group_array(json_object('seq', seq, 'time', time, 'user', user,
      'entity', entity, 'entity_id', entity_id, 'project_number', project_number, 'action', action,
      'summary', summary,
      'from_phase', (SELECT slug FROM phases WHERE id = h.from_phase),
      'to_phase', (SELECT slug FROM phases WHERE id = h.to_phase),
      'reason', reason, 'forced', json(CASE forced WHEN 1 THEN 'true' ELSE 'false' END)))
    FROM (SELECT * FROM history ORDER BY seq) h)
);
