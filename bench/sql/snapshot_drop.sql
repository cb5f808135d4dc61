DROP TABLE IF EXISTS snap_projects;
DROP TABLE IF EXISTS snap_team;
DROP TABLE IF EXISTS snap_services;
DROP TABLE IF EXISTS snap_outcomes;
