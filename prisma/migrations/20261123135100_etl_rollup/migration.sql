-- Hand-written: summary rows behind GET /api/etl/stats and Query.etlStats (src/domain/stats/etl.ts).
-- Plain aggregates over assets ⨝ asset_phases took ~5 s at 1M assets (bench/etl-stats.ts); these
-- rows are kept current by triggers in the same transaction as each change, so stats read a few
-- hundred rows instead.
--
-- Derived data, like an index: its own schema, outside schema.prisma, never written by application
-- code, and `SELECT etl_rollup.rebuild('<pipeline>')` recomputes a pipeline's rows from the tables.
-- Rule for writers: one SQL statement must not change both assets and asset_phases (each table's
-- trigger reads the other table as it is after the statement).
-- A row counts an asset while its missingSince is NULL. Rows that drop to zero stay (readers skip
-- them): deleting them would race with concurrent increments.

CREATE SCHEMA etl_rollup;

-- The registry's grouping fields per pipeline, in registry order, mirrored at start by syncRegistry
-- (src/domain/stats/rollup-sync.ts), which also rebuilds a pipeline's rows when its fields change.
CREATE TABLE etl_rollup.groupings (
  "pipelineKey" text PRIMARY KEY,
  fields text[] NOT NULL
);

-- Files and bytes per pipeline and grouping values (`vals[i]` = sourceMetadata->>fields[i]).
CREATE TABLE etl_rollup.asset_groups (
  "pipelineKey" text NOT NULL,
  vals text[] NOT NULL,
  files bigint NOT NULL,
  bytes numeric NOT NULL,
  PRIMARY KEY ("pipelineKey", vals)
);

-- Phase rows per pipeline, grouping values, phase and state.
CREATE TABLE etl_rollup.phase_groups (
  "pipelineKey" text NOT NULL,
  vals text[] NOT NULL,
  "phaseKey" text NOT NULL,
  state public."PhaseState" NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY ("pipelineKey", vals, "phaseKey", state)
);

CREATE FUNCTION etl_rollup.pick(meta jsonb, fields text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(meta->>f ORDER BY i), '{}') FROM unnest(fields) WITH ORDINALITY AS u(f, i)
$$;

-- Adds sign × (file, bytes, phase rows) of each given asset to its summary rows. Upserts run in key
-- order so that concurrent writers lock summary rows in the same order (no deadlocks).
CREATE FUNCTION etl_rollup.apply_assets(ids bigint[], signs int[], pipelines text[], metas jsonb[], sizes bigint[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO etl_rollup.asset_groups AS t ("pipelineKey", vals, files, bytes)
  SELECT d.p, etl_rollup.pick(d.meta, coalesce(g.fields, '{}')), sum(d.sign), sum(d.sign * d.size)
  FROM unnest(ids, signs, pipelines, metas, sizes) AS d(id, sign, p, meta, size)
  LEFT JOIN etl_rollup.groupings g ON g."pipelineKey" = d.p
  GROUP BY 1, 2 HAVING sum(d.sign) <> 0 OR sum(d.sign * d.size) <> 0 ORDER BY 1, 2
  ON CONFLICT ("pipelineKey", vals) DO UPDATE SET files = t.files + EXCLUDED.files, bytes = t.bytes + EXCLUDED.bytes;

  INSERT INTO etl_rollup.phase_groups AS t ("pipelineKey", vals, "phaseKey", state, n)
  SELECT d.p, etl_rollup.pick(d.meta, coalesce(g.fields, '{}')), ap."phaseKey", ap.state, sum(d.sign)
  FROM unnest(ids, signs, pipelines, metas, sizes) AS d(id, sign, p, meta, size)
  JOIN public.asset_phases ap ON ap."assetId" = d.id
  LEFT JOIN etl_rollup.groupings g ON g."pipelineKey" = d.p
  GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("pipelineKey", vals, "phaseKey", state) DO UPDATE SET n = t.n + EXCLUDED.n;
$$;

-- Adds sign × each given phase row to the summary rows of its (counted) asset.
CREATE FUNCTION etl_rollup.apply_phases(asset_ids bigint[], phase_keys text[], states public."PhaseState"[], signs int[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO etl_rollup.phase_groups AS t ("pipelineKey", vals, "phaseKey", state, n)
  SELECT a."pipelineKey", etl_rollup.pick(a."sourceMetadata", coalesce(g.fields, '{}')), d.phase, d.state, sum(d.sign)
  FROM unnest(asset_ids, phase_keys, states, signs) AS d(asset_id, phase, state, sign)
  JOIN public.assets a ON a.id = d.asset_id AND a."missingSince" IS NULL
  LEFT JOIN etl_rollup.groupings g ON g."pipelineKey" = a."pipelineKey"
  GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("pipelineKey", vals, "phaseKey", state) DO UPDATE SET n = t.n + EXCLUDED.n;
$$;

-- Inserts add counted assets; updates take the old version out and put the new one in, for rows
-- whose contribution changed (an inventory re-scan rewrites identical rows: nothing to do).
CREATE FUNCTION etl_rollup.on_assets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[]; signs int[]; pipelines text[]; metas jsonb[]; sizes bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id), array_agg(1), array_agg("pipelineKey"), array_agg("sourceMetadata"), array_agg("sizeBytes")
      INTO ids, signs, pipelines, metas, sizes
    FROM new_rows WHERE "missingSince" IS NULL;
  ELSE
    WITH changed AS (
      SELECT o.id, o."pipelineKey" AS op, o."sourceMetadata" AS om, o."sizeBytes" AS os, o."missingSince" IS NULL AS oc,
             n."pipelineKey" AS np, n."sourceMetadata" AS nm, n."sizeBytes" AS ns, n."missingSince" IS NULL AS nc
      FROM old_rows o JOIN new_rows n USING (id)
      WHERE (o."missingSince" IS NULL) <> (n."missingSince" IS NULL) OR o."pipelineKey" <> n."pipelineKey"
         OR o."sourceMetadata" <> n."sourceMetadata" OR o."sizeBytes" <> n."sizeBytes"
    ), delta AS (
      SELECT id, -1 AS sign, op AS p, om AS meta, os AS size FROM changed WHERE oc
      UNION ALL
      SELECT id, 1, np, nm, ns FROM changed WHERE nc
    )
    SELECT array_agg(id), array_agg(sign), array_agg(p), array_agg(meta), array_agg(size)
      INTO ids, signs, pipelines, metas, sizes
    FROM delta;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM etl_rollup.apply_assets(ids, signs, pipelines, metas, sizes);
  END IF;
  RETURN NULL;
END $$;

-- Row-level and BEFORE: the asset's phase rows still exist here; the cascade deletes them next,
-- and the asset_phases trigger then finds no counted asset for them.
CREATE FUNCTION etl_rollup.on_asset_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."missingSince" IS NULL THEN
    PERFORM etl_rollup.apply_assets(ARRAY[OLD.id], ARRAY[-1], ARRAY[OLD."pipelineKey"], ARRAY[OLD."sourceMetadata"], ARRAY[OLD."sizeBytes"]);
  END IF;
  RETURN OLD;
END $$;

-- Old rows out, new rows in; unchanged states cancel out in apply_phases.
CREATE FUNCTION etl_rollup.on_asset_phases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[]; phases text[]; states public."PhaseState"[]; signs int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("assetId"), array_agg("phaseKey"), array_agg(state), array_agg(1)
      INTO ids, phases, states, signs FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg("assetId"), array_agg("phaseKey"), array_agg(state), array_agg(-1)
      INTO ids, phases, states, signs FROM old_rows;
  ELSE
    SELECT array_agg(r."assetId"), array_agg(r."phaseKey"), array_agg(r.state), array_agg(r.sign)
      INTO ids, phases, states, signs
    FROM (
      SELECT "assetId", "phaseKey", state, -1 AS sign FROM old_rows
      UNION ALL
      SELECT "assetId", "phaseKey", state, 1 FROM new_rows
    ) r;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM etl_rollup.apply_phases(ids, phases, states, signs);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION etl_rollup.on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'assets' THEN
    DELETE FROM etl_rollup.asset_groups;
  END IF;
  DELETE FROM etl_rollup.phase_groups;
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger.
CREATE TRIGGER assets_rollup_insert AFTER INSERT ON public.assets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_assets();
CREATE TRIGGER assets_rollup_update AFTER UPDATE ON public.assets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_assets();
CREATE TRIGGER assets_rollup_delete BEFORE DELETE ON public.assets
  FOR EACH ROW EXECUTE FUNCTION etl_rollup.on_asset_delete();
CREATE TRIGGER assets_rollup_truncate AFTER TRUNCATE ON public.assets
  FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_truncate();

CREATE TRIGGER asset_phases_rollup_insert AFTER INSERT ON public.asset_phases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_asset_phases();
CREATE TRIGGER asset_phases_rollup_update AFTER UPDATE ON public.asset_phases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_asset_phases();
CREATE TRIGGER asset_phases_rollup_delete AFTER DELETE ON public.asset_phases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_asset_phases();
CREATE TRIGGER asset_phases_rollup_truncate AFTER TRUNCATE ON public.asset_phases
  FOR EACH STATEMENT EXECUTE FUNCTION etl_rollup.on_truncate();

-- Recomputes one pipeline's rows. The lock waits for writers that already changed rows and holds
-- new ones back until the new rows are in, so no change is counted twice or lost. The grouping
-- expression is spelled out (ARRAY[a."sourceMetadata"->>'region', …]): calling pick() per row is
-- several times slower over a million assets.
CREATE FUNCTION etl_rollup.rebuild(p text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  vals text;
BEGIN
  LOCK TABLE etl_rollup.asset_groups, etl_rollup.phase_groups IN SHARE ROW EXCLUSIVE MODE;
  SELECT 'ARRAY[' || string_agg(format('a."sourceMetadata"->>%L', f), ', ' ORDER BY i) || ']::text[]' INTO vals
  FROM etl_rollup.groupings g, unnest(g.fields) WITH ORDINALITY AS u(f, i) WHERE g."pipelineKey" = p;
  vals := coalesce(vals, $v$'{}'::text[]$v$);
  DELETE FROM etl_rollup.asset_groups WHERE "pipelineKey" = p;
  DELETE FROM etl_rollup.phase_groups WHERE "pipelineKey" = p;
  EXECUTE format($q$
    INSERT INTO etl_rollup.asset_groups ("pipelineKey", vals, files, bytes)
    SELECT $1, %s, count(*), sum(a."sizeBytes")
    FROM public.assets a WHERE a."pipelineKey" = $1 AND a."missingSince" IS NULL GROUP BY 2$q$, vals) USING p;
  EXECUTE format($q$
    INSERT INTO etl_rollup.phase_groups ("pipelineKey", vals, "phaseKey", state, n)
    SELECT $1, %s, ap."phaseKey", ap.state, count(*)
    FROM public.assets a JOIN public.asset_phases ap ON ap."assetId" = a.id
    WHERE a."pipelineKey" = $1 AND a."missingSince" IS NULL GROUP BY 2, 3, 4$q$, vals) USING p;
END $$;
