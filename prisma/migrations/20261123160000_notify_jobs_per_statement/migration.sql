-- Hand-written: job changes are published once per statement instead of once per row. The worker
-- writes jobs in batches (worker/tracking-store.ts); a per-row trigger cost a plpgsql call and a
-- NOTIFY per row, and every NOTIFY commit wakes every LISTENing backend (graphile-worker's included).
-- A notification now carries the changed rows as {"k":"jobs","rows":[...]}, packed up to ~7.5 kB
-- (NOTIFY's limit is 8 kB); a row too large on its own is sent as {"id": ...} for the listener to fetch.

CREATE OR REPLACE FUNCTION pipewatch_notify_jobs() RETURNS trigger AS $$
DECLARE
  item text;
  packed text := '';
BEGIN
  -- Each row as subscribers see it: minus the stack and the result, error text cut, large args
  -- dropped (as the per-row trigger of the notify_triggers migration sent them).
  FOR item IN
    SELECT CASE WHEN octet_length(e) > 7500 THEN json_build_object('id', id)::text ELSE e END
    FROM (
      SELECT t.id, json_build_object('id', t.id, 'row',
        (to_jsonb(t) - 'errorStack' - 'result' - CASE WHEN octet_length(t.args::text) > 3000 THEN 'args' ELSE '' END)
          || jsonb_build_object('errorMessage', left(t."errorMessage", 1000)))::text AS e
      -- The rows as they are now, not as the statement left them: a trigger on a changed row (the
      -- fan-out progress of a parent) may have updated it since, and announced that newer version
      -- already; the transition table's older copy must not arrive after it.
      FROM jobs t WHERE t.id IN (SELECT id FROM changed_jobs)
    ) rows
  LOOP
    IF packed <> '' AND octet_length(packed) + octet_length(item) > 7500 THEN
      PERFORM pg_notify('pipewatch', '{"k":"jobs","rows":[' || packed || ']}');
      packed := '';
    END IF;
    packed := CASE WHEN packed = '' THEN item ELSE packed || ',' || item END;
  END LOOP;
  IF packed <> '' THEN
    PERFORM pg_notify('pipewatch', '{"k":"jobs","rows":[' || packed || ']}');
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER jobs_notify ON "jobs";
DROP FUNCTION pipewatch_notify_job();

-- Transition tables allow one event per trigger, hence two.
CREATE TRIGGER jobs_notify_insert AFTER INSERT ON "jobs"
  REFERENCING NEW TABLE AS changed_jobs FOR EACH STATEMENT EXECUTE FUNCTION pipewatch_notify_jobs();
CREATE TRIGGER jobs_notify_update AFTER UPDATE ON "jobs"
  REFERENCING NEW TABLE AS changed_jobs FOR EACH STATEMENT EXECUTE FUNCTION pipewatch_notify_jobs();
