-- Hand-written: publishes every Job, Worker and AssetPhase change on the `pipewatch` channel so any
-- API instance's LISTEN sees changes made by any process, in commit order.
-- Job payloads carry the row itself (minus the stack, the result and large args) so subscribers can
-- be served without a query per event; NOTIFY caps payloads at 8 kB, so oversized rows fall back to
-- ids only and the listener fetches them.

CREATE OR REPLACE FUNCTION pipewatch_notify_job() RETURNS trigger AS $$
DECLARE
  row_json jsonb := to_jsonb(NEW) - 'errorStack' - 'result';
  payload text;
BEGIN
  row_json := jsonb_set(row_json, '{errorMessage}', coalesce(to_jsonb(left(NEW."errorMessage", 1000)), 'null'::jsonb));
  IF octet_length(NEW.args::text) > 3000 THEN
    row_json := row_json - 'args';
  END IF;
  payload := json_build_object('k', 'job', 'id', NEW.id, 'row', row_json)::text;
  IF octet_length(payload) > 7900 THEN
    payload := json_build_object('k', 'job', 'id', NEW.id)::text;
  END IF;
  PERFORM pg_notify('pipewatch', payload);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE ON "jobs"
  FOR EACH ROW EXECUTE FUNCTION pipewatch_notify_job();

CREATE OR REPLACE FUNCTION pipewatch_notify_worker() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('pipewatch', json_build_object('k', 'worker', 'id', NEW.id)::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- Heartbeats only move lastHeartbeatAt: not news for subscribers (offline detection is a timer).
CREATE TRIGGER workers_notify_insert AFTER INSERT ON "workers"
  FOR EACH ROW EXECUTE FUNCTION pipewatch_notify_worker();
CREATE TRIGGER workers_notify_update AFTER UPDATE ON "workers"
  FOR EACH ROW WHEN (OLD."stoppedAt" IS DISTINCT FROM NEW."stoppedAt")
  EXECUTE FUNCTION pipewatch_notify_worker();

-- Identical payloads in one transaction are collapsed by Postgres, so a bulk update of 100k asset
-- phases sends one notification per (pipeline, phase).
CREATE OR REPLACE FUNCTION pipewatch_notify_phase() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('pipewatch', json_build_object('k', 'phase', 'p', NEW."pipelineKey", 'ph', NEW."phaseKey")::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER asset_phases_notify AFTER INSERT OR UPDATE OF state ON "asset_phases"
  FOR EACH ROW EXECUTE FUNCTION pipewatch_notify_phase();
