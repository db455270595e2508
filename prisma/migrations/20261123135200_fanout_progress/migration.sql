-- Hand-written: a fanned-out job's progress is its children's. progressTotal counts the children,
-- progressDone the finished ones (Success, Failed or Cancelled). A trigger keeps it, so every path
-- that moves a child (spawn, finish, cancel, retry) moves the parent in the same transaction.
-- worker/tracking.ts leaves the progress of a job with children alone when the job itself finishes.
CREATE OR REPLACE FUNCTION pipewatch_fanout_progress() RETURNS trigger AS $$
DECLARE
  done_before boolean := TG_OP = 'UPDATE' AND OLD.status IN ('Success', 'Failed', 'Cancelled');
  done_now boolean := NEW.status IN ('Success', 'Failed', 'Cancelled');
BEGIN
  IF TG_OP = 'INSERT' OR done_before <> done_now THEN
    UPDATE jobs SET
      "progressTotal" = coalesce("progressTotal", 0) + (TG_OP = 'INSERT')::int,
      "progressDone" = "progressDone" + done_now::int - done_before::int,
      "updatedAt" = now()
    WHERE id = NEW."parentId";
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_fanout_progress AFTER INSERT OR UPDATE OF status ON "jobs"
  FOR EACH ROW WHEN (NEW."parentId" IS NOT NULL) EXECUTE FUNCTION pipewatch_fanout_progress();
