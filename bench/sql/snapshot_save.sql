-- a snapshot as copies of the tables that make the status, with the indexes
-- the diff looks them up by (without them its NOT EXISTS scans are quadratic:
-- about 9.5 minutes at 100,000 projects)
BEGIN;
CREATE TABLE snap_projects AS SELECT number, uuid, title, field, phase, priority, lead, version FROM projects;
CREATE TABLE snap_team AS SELECT project, org, role FROM team;
CREATE TABLE snap_services AS SELECT project, service FROM project_services;
CREATE TABLE snap_outcomes AS SELECT id, kind, status FROM outcomes;
CREATE INDEX snap_projects_number ON snap_projects(number);
CREATE INDEX snap_outcomes_id ON snap_outcomes(id);
COMMIT;
