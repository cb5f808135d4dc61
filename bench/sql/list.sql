-- filtered listing: projects in one phase and one topic field, with the lead's name
SELECT p.number, p.uuid, ph.name AS phase, f.name AS field, p.priority, o.name AS lead, p.title, p.updated
FROM projects p
JOIN phases ph ON ph.id = p.phase
JOIN fields f ON f.number = p.field
LEFT JOIN orgs o ON o.id = p.lead
WHERE ph.slug = 'umsetzung' AND f.slug = 'bauen_wohnen'
ORDER BY p.number;
