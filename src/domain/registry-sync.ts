// Mirrors the registry into the Pipeline/Phase tables at start (idempotent), so SQL can join on them.
import type { Db } from "../db/prisma.ts";
import { PIPELINES } from "./registry.ts";
import { syncEtlRollup } from "./stats/rollup-sync.ts";

export async function syncRegistry(db: Db) {
  await db.$transaction(async (tx) => {
    for (const p of PIPELINES) {
      const data = { name: p.name, description: p.description, kind: p.kind, jobTypes: p.jobTypes };
      await tx.pipeline.upsert({ where: { key: p.key }, create: { key: p.key, ...data }, update: data });
      for (const [i, ph] of p.phases.entries()) {
        const phase = { name: ph.name, order: i + 1, description: ph.description };
        await tx.phase.upsert({
          where: { pipelineKey_key: { pipelineKey: p.key, key: ph.key } },
          create: { pipelineKey: p.key, key: ph.key, ...phase },
          update: phase,
        });
      }
      await tx.phase.deleteMany({ where: { pipelineKey: p.key, key: { notIn: p.phases.map((ph) => ph.key) } } });
    }
  });
  await syncEtlRollup(db);
}
