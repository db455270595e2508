// Bookkeeping of FATHOM source files: one Asset per TIFF (path relative to BRONZE_DIR) with its
// parsed name in sourceMetadata, one AssetPhase row per pipeline phase, and the inventory Run.
// Written in bulk: an inventory registers 12,000+ files, a thousand per statement.
import type { Db } from "../../db/prisma.ts";
import type { FathomMeta } from "./names.ts";
import { stackKey } from "./names.ts";
import { FATHOM, MERGE_PHASE, STACK_PHASE } from "./selection.ts";

export interface SourceFile {
  /** Relative to BRONZE_DIR, `/`-separated. */
  path: string;
  size: number;
  mtime: Date;
  meta: FathomMeta;
}

/** What the stats, selections and tasks read; `mtime` tells a changed file from a re-scan. */
function sourceMetadata(f: SourceFile) {
  return { ...f.meta, stack_key: stackKey(f.meta), mtime: f.mtime.toISOString() };
}

export async function upsertInventoryRun(db: Db, container: string, prefix: string | undefined) {
  const key = { pipelineKey: FATHOM, source: container, runKey: prefix ?? "" };
  return db.run.upsert({
    where: { pipelineKey_source_runKey: key },
    create: { ...key, lastScannedAt: new Date() },
    update: { lastScannedAt: new Date() },
  });
}

export interface BatchResult {
  added: number;
  /** Size or mtime differs from the last scan: their phases start over. */
  changed: number;
  /** Were flagged missing, are back. */
  restored: number;
}

/**
 * Registers up to a thousand files in one transaction. Unchanged files are not rewritten. A file
 * whose size or mtime changed has its phases reset to pending (unless a task holds it right now).
 * Assets and phase rows are written by separate statements: the rollup triggers need that
 * (prisma/migrations/*_etl_rollup).
 */
export async function upsertSourceBatch(db: Db, runId: bigint, files: SourceFile[]): Promise<BatchResult> {
  const paths = files.map((f) => f.path);
  return db.$transaction(async (tx) => {
    const prev = await tx.$queryRaw<{ id: string; path: string; size: bigint; mtime: string | null; missing: boolean }[]>`
      SELECT id::text AS id, path, "sizeBytes" AS size, "sourceMetadata"->>'mtime' AS mtime, "missingSince" IS NOT NULL AS missing
      FROM assets WHERE "pipelineKey" = ${FATHOM} AND path = ANY(${paths}::text[])`;
    await tx.$executeRaw`
      INSERT INTO assets ("pipelineKey", "runId", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
      SELECT ${FATHOM}, ${runId}, 'source', t.path, t.size, t.meta, now()
      FROM unnest(${paths}::text[], ${files.map((f) => f.size)}::bigint[], ${files.map((f) => JSON.stringify(sourceMetadata(f)))}::jsonb[])
        AS t(path, size, meta)
      ON CONFLICT ("pipelineKey", path) DO UPDATE SET
        "runId" = EXCLUDED."runId", kind = EXCLUDED.kind, "sizeBytes" = EXCLUDED."sizeBytes",
        "sourceMetadata" = EXCLUDED."sourceMetadata", "missingSince" = NULL, "updatedAt" = now()
      WHERE (assets."runId", assets.kind, assets."sizeBytes", assets."sourceMetadata", assets."missingSince")
        IS DISTINCT FROM (EXCLUDED."runId", EXCLUDED.kind, EXCLUDED."sizeBytes", EXCLUDED."sourceMetadata", NULL)`;
    await tx.$executeRaw`
      INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "updatedAt")
      SELECT a.id, ${FATHOM}, ph, 'pending', now()
      FROM assets a CROSS JOIN unnest(${[STACK_PHASE, MERGE_PHASE]}::text[]) AS ph
      WHERE a."pipelineKey" = ${FATHOM} AND a.path = ANY(${paths}::text[])
      ON CONFLICT DO NOTHING`;
    const byPath = new Map(files.map((f) => [f.path, f]));
    const changed = prev.filter((p) => {
      const f = byPath.get(p.path)!;
      return Number(p.size) !== f.size || p.mtime !== f.mtime.toISOString();
    });
    if (changed.length) {
      await tx.$executeRaw`
        UPDATE asset_phases SET state = 'pending', "jobId" = NULL, "startedAt" = NULL, "completedAt" = NULL,
          "durationMs" = NULL, error = NULL, "updatedAt" = now()
        WHERE "assetId" = ANY(${changed.map((c) => c.id)}::bigint[]) AND state NOT IN ('pending', 'processing')`;
    }
    return { added: files.length - prev.length, changed: changed.length, restored: prev.filter((p) => p.missing).length };
  });
}

/**
 * Flags the registered files under `scope` (a `/`-terminated path prefix) that this scan did not see;
 * returns their paths. Their rows stay, so a file that comes back keeps its history.
 */
export async function flagMissing(db: Db, scope: string, seen: string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ path: string }[]>`
    UPDATE assets SET "missingSince" = now(), "updatedAt" = now()
    WHERE "pipelineKey" = ${FATHOM} AND "missingSince" IS NULL AND starts_with(path, ${scope})
      AND NOT EXISTS (SELECT 1 FROM unnest(${seen}::text[]) AS s(p) WHERE s.p = assets.path)
    RETURNING path`;
  return rows.map((r) => r.path).sort();
}

/** Registered (present) files under `scope`, for the inventory's dry run. */
export async function countRegistered(db: Db, scope: string): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM assets
    WHERE "pipelineKey" = ${FATHOM} AND "missingSince" IS NULL AND starts_with(path, ${scope})`;
  return row.n;
}
