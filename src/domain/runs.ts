// Plain listings of runs and assets for the API.
import type { Db } from "../db/prisma.ts";
import { ServiceError } from "./errors.ts";
import { requirePipeline } from "./phase-progress.ts";

function pageSize(first: number) {
  if (!Number.isInteger(first) || first < 1 || first > 200) throw new ServiceError("first must be an integer from 1 to 200", "BAD_USER_INPUT");
  return first;
}

export async function listRuns(db: Db, pipeline: string, source: string | undefined, first: number) {
  requirePipeline(pipeline);
  const rows = await db.run.findMany({
    where: { pipelineKey: pipeline, ...(source ? { source } : {}) },
    orderBy: [{ cycleTime: "desc" }, { id: "desc" }],
    take: pageSize(first),
  });
  return rows.map((r) => ({ ...r, id: String(r.id), pipeline: r.pipelineKey }));
}

export async function listAssets(db: Db, pipeline: string, kind: string | undefined, first: number) {
  requirePipeline(pipeline);
  const rows = await db.asset.findMany({
    where: { pipelineKey: pipeline, ...(kind ? { kind } : {}) },
    orderBy: { id: "desc" },
    take: pageSize(first),
    include: { phases: true },
  });
  return rows.map((a) => ({
    id: String(a.id),
    pipeline: a.pipelineKey,
    kind: a.kind,
    path: a.path,
    sizeBytes: Number(a.sizeBytes),
    md5: a.md5,
    sourceMetadata: a.sourceMetadata,
    missingSince: a.missingSince,
    phases: a.phases.map((p) => ({ ...p, phase: p.phaseKey })),
  }));
}
