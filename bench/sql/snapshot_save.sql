-- a snapshot as copies of the tables that make the status
BEGIN;
CREATE TABLE snap_projects AS SELECT number, uuid, title, field, phase, priority, lead, version FROM projects;
CREATE TABLE snap_team AS SELECT project, org, role FROM team;
CREATE TABLE snap_services AS SELECT project, service FROM project_services;
CREATE TABLE snap_outcomes AS SELECT id, kind, status FROM outcomes;
COMMIT;
