// The data inventory read model (seed 000 §2.2, §3): per model/run completeness, missing hours with
// their reasons, upstream vs ours, and "GRIB present but tile failed".
import type { Db } from "../db/prisma.ts";
import { WEATHER } from "./weather/assets.ts";
import { MODELS, type ModelKey } from "./weather/models.ts";

export type RunStatus = "complete" | "partial" | "missing" | "failed";

export interface MissingHour {
  hour: number;
  /** last error | queued | running | not yet upstream | not queued */
  reason: string;
}

export interface TileFailure {
  variable: string;
  hours: number[];
  error: string;
}

export interface RunInventory {
  model: string;
  run: string;
  cycleTime: Date | null;
  expectedHours: number[];
  upstreamHours: number[];
  haveHours: number[];
  missingHours: MissingHour[];
  status: RunStatus;
  reason: string | null;
  sourceStatus: string;
  tileFailures: TileFailure[];
  lastScannedAt: Date | null;
}

interface HourRow {
  runId: bigint;
  hour: number;
  variables: number;
  done: number;
  failed: number;
  last_error: string | null;
  tile_failed: number;
}

/** Newest runs first; one query per table, not per run. */
export async function weatherInventory(db: Db, opts: { model?: string; limit?: number } = {}): Promise<RunInventory[]> {
  const runs = await db.run.findMany({
    where: { pipelineKey: WEATHER, ...(opts.model ? { source: opts.model } : {}) },
    orderBy: [{ cycleTime: "desc" }, { runKey: "desc" }],
    take: Math.min(opts.limit ?? 20, 200),
  });
  if (!runs.length) return [];
  const ids = runs.map((r) => r.id);
  const keys = runs.map((r) => `${r.source}|${r.runKey}`);
  const [hours, jobs, tiles] = await Promise.all([
    db.$queryRaw<HourRow[]>`
      SELECT a."runId", (a."sourceMetadata"->>'hour')::int AS hour,
        count(*)::int AS variables,
        count(*) FILTER (WHERE i.state = 'done')::int AS done,
        count(*) FILTER (WHERE i.state = 'failed')::int AS failed,
        (array_agg(i.error ORDER BY i."updatedAt" DESC) FILTER (WHERE i.state = 'failed'))[1] AS last_error,
        count(*) FILTER (WHERE t.state = 'failed')::int AS tile_failed
      FROM assets a
      JOIN asset_phases i ON i."assetId" = a.id AND i."phaseKey" = 'ingest'
      JOIN asset_phases t ON t."assetId" = a.id AND t."phaseKey" = 'tile'
      WHERE a."runId" = ANY(${ids}::bigint[]) AND a.kind = 'grib'
      GROUP BY 1, 2`,
    db.$queryRaw<{ key: string; hour: number; status: string }[]>`
      SELECT (args->>'model') || '|' || (args->>'run') AS key, (args->>'hour')::int AS hour, status::text AS status
      FROM jobs WHERE type = 'IngestGrib' AND status IN ('Pending', 'Running')
        AND (args->>'model') || '|' || (args->>'run') = ANY(${keys}::text[])`,
    db.$queryRaw<{ runId: bigint; variable: string; hours: number[]; error: string }[]>`
      SELECT a."runId", a."sourceMetadata"->>'variable' AS variable,
        array_agg((a."sourceMetadata"->>'hour')::int ORDER BY (a."sourceMetadata"->>'hour')::int) AS hours,
        (array_agg(t.error ORDER BY t."updatedAt" DESC))[1] AS error
      FROM assets a
      JOIN asset_phases i ON i."assetId" = a.id AND i."phaseKey" = 'ingest' AND i.state = 'done'
      JOIN asset_phases t ON t."assetId" = a.id AND t."phaseKey" = 'tile' AND t.state = 'failed'
      WHERE a."runId" = ANY(${ids}::bigint[]) AND a.kind = 'grib'
      GROUP BY 1, 2`,
  ]);
  return runs.map((r) => {
    const model = r.source as ModelKey;
    const nVars = (h: number) => MODELS[model]?.variables.filter((v) => h >= (v.fromHour ?? 0)).length ?? 1;
    const byHour = new Map(hours.filter((h) => h.runId === r.id).map((h) => [h.hour, h]));
    const active = new Map(jobs.filter((j) => j.key === `${r.source}|${r.runKey}`).map((j) => [j.hour, j.status]));
    const have = r.expectedHours.filter((h) => (byHour.get(h)?.done ?? 0) >= nVars(h));
    const missing: MissingHour[] = r.expectedHours
      .filter((h) => !have.includes(h))
      .map((h) => {
        const row = byHour.get(h);
        const job = active.get(h);
        if (job === "Running") return { hour: h, reason: "running" };
        if (job === "Pending") return { hour: h, reason: row?.last_error ? `queued (retrying after: ${row.last_error})` : "queued" };
        if (row?.last_error) return { hour: h, reason: row.last_error };
        if (!r.upstreamHours.includes(h)) return { hour: h, reason: "not yet upstream" };
        return { hour: h, reason: "not queued" };
      });
    const anyFailed = missing.some((m) => byHour.get(m.hour)?.last_error && !active.has(m.hour));
    const status: RunStatus = !missing.length ? "complete" : anyFailed ? "failed" : have.length ? "partial" : "missing";
    return {
      model: r.source,
      run: r.runKey,
      cycleTime: r.cycleTime,
      expectedHours: r.expectedHours,
      upstreamHours: r.upstreamHours,
      haveHours: have,
      missingHours: missing,
      status,
      reason: summarizeReason(missing),
      sourceStatus: `${r.source === "hrrr" || r.source === "gfs" ? "NOAA" : "Upstream"} has ${r.upstreamHours.length}h, we have ${have.length}h`,
      tileFailures: tiles.filter((t) => t.runId === r.id).map((t) => ({ variable: t.variable, hours: t.hours, error: t.error })),
      lastScannedAt: r.lastScannedAt,
    };
  });
}

/** The most telling reason first: a failure beats "running", which beats "not yet upstream". */
function summarizeReason(missing: MissingHour[]): string | null {
  if (!missing.length) return null;
  const rank = (m: MissingHour) =>
    m.reason === "running" ? 3 : m.reason.startsWith("queued") ? 2 : m.reason === "not yet upstream" ? 4 : m.reason === "not queued" ? 5 : 1;
  const top = [...missing].sort((a, b) => rank(a) - rank(b))[0]!;
  const same = missing.filter((m) => m.reason === top.reason).length;
  return same > 1 ? `${top.reason} (${same} hours)` : top.reason;
}
