// Bookkeeping of weather runs and their GRIB/tile assets. GRIB assets carry two phases: `ingest`
// (downloaded) and `tile` (included in a built tile), which is what the inventory reports on.
import type { Db } from "../../db/prisma.ts";
import { expectedHours, parseRunId, type ModelKey } from "./models.ts";

export const WEATHER = "weather";

export async function ensureRun(db: Db, model: ModelKey, run: string, upstreamHours?: number[]) {
  const parsed = parseRunId(run);
  const expected = expectedHours(model, parsed.cycle);
  const data = {
    expectedHours: expected,
    lastScannedAt: upstreamHours ? new Date() : undefined,
    ...(upstreamHours ? { upstreamHours } : {}),
  };
  return db.run.upsert({
    where: { pipelineKey_source_runKey: { pipelineKey: WEATHER, source: model, runKey: run } },
    create: { pipelineKey: WEATHER, source: model, runKey: run, cycleTime: parsed.time, upstreamHours: upstreamHours ?? [], ...data },
    update: data,
  });
}

export interface GribAssetKey {
  model: ModelKey;
  run: string;
  hour: number;
  variable: string;
}

/** The GRIB asset of one model/run/variable/hour and its two phase rows (idempotent). */
export async function upsertGribAsset(db: Db, runId: bigint, relPath: string, key: GribAssetKey) {
  const asset = await db.asset.upsert({
    where: { pipelineKey_path: { pipelineKey: WEATHER, path: relPath } },
    create: { pipelineKey: WEATHER, runId, kind: "grib", path: relPath, sourceMetadata: { ...key } },
    update: {},
  });
  await db.$executeRaw`
    INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "updatedAt")
    VALUES (${asset.id}, ${WEATHER}, 'ingest', 'pending', now()), (${asset.id}, ${WEATHER}, 'tile', 'pending', now())
    ON CONFLICT DO NOTHING`;
  return asset;
}

export type PhaseUpdate =
  | { state: "processing"; jobId: string }
  | { state: "done"; jobId: string; durationMs: number }
  | { state: "failed"; jobId: string; error: string; durationMs?: number }
  | { state: "pending" };

export async function setPhase(db: Db, assetIds: bigint[], phase: string, u: PhaseUpdate) {
  if (!assetIds.length) return;
  const error = u.state === "failed" ? u.error.slice(0, 2000) : null;
  const duration = "durationMs" in u ? (u.durationMs ?? null) : null;
  const jobId = "jobId" in u ? u.jobId : null;
  await db.$executeRaw`
    UPDATE asset_phases SET state = ${u.state}::"PhaseState",
      "startedAt" = CASE WHEN ${u.state} = 'processing' THEN now() ELSE "startedAt" END,
      "completedAt" = CASE WHEN ${u.state} = 'done' THEN now() WHEN ${u.state} = 'pending' THEN NULL ELSE "completedAt" END,
      "durationMs" = coalesce(${duration}::int, "durationMs"),
      error = ${error}, "jobId" = coalesce(${jobId}::text, "jobId"), "updatedAt" = now()
    WHERE "assetId" = ANY(${assetIds}::bigint[]) AND "phaseKey" = ${phase}`;
}

/** GRIB assets of a run/variable whose download succeeded, with their md5 and hour. */
export async function ingestedGribs(db: Db, model: ModelKey, run: string, variable: string) {
  return db.$queryRaw<{ id: bigint; path: string; md5: string | null; hour: number }[]>`
    SELECT a.id, a.path, a.md5, (a."sourceMetadata"->>'hour')::int AS hour
    FROM assets a JOIN asset_phases p ON p."assetId" = a.id AND p."phaseKey" = 'ingest'
    WHERE a."pipelineKey" = ${WEATHER} AND a.kind = 'grib'
      AND a."sourceMetadata"->>'model' = ${model} AND a."sourceMetadata"->>'run' = ${run}
      AND a."sourceMetadata"->>'variable' = ${variable} AND p.state = 'done'
    ORDER BY hour`;
}
