// Job-args schemas of the weather tasks, built from the model config so a job can never name a
// model, cycle, hour or variable the config does not know.
import { z } from "zod";
import { MODELS, ModelKeySchema, RunIdSchema, TILE_REGIONS, parseRunId, type ModelKey } from "./models.ts";

const pad2 = (n: number) => String(n).padStart(2, "0");

function checkRunHour(v: { model: ModelKey; run: string; hour?: number; variable?: string }, ctx: z.RefinementCtx) {
  let cycle: number;
  try {
    cycle = parseRunId(v.run).cycle;
  } catch {
    return; // RunIdSchema reports it
  }
  const cfg = MODELS[v.model];
  if (!cfg.cycles.includes(cycle)) {
    ctx.addIssue({ code: "custom", path: ["run"], message: `${v.model} has no ${pad2(cycle)}z cycle` });
    return;
  }
  if (v.hour !== undefined && !cfg.validHours(cycle).includes(v.hour)) {
    ctx.addIssue({ code: "custom", path: ["hour"], message: `${v.model} ${pad2(cycle)}z has no forecast hour ${v.hour}` });
  }
  if (v.variable !== undefined && !cfg.variables.some((x) => x.id === v.variable)) {
    ctx.addIssue({
      code: "custom",
      path: ["variable"],
      message: `unknown ${v.model} variable "${v.variable}" (known: ${cfg.variables.map((x) => x.id).join(", ")})`,
    });
  }
}

const variableId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "variable id must be lowercase [a-z0-9_]");

export const ScanSourceArgs = z.strictObject({ model: ModelKeySchema });

export const IngestGribArgs = z
  .strictObject({ model: ModelKeySchema, run: RunIdSchema, hour: z.number().int().min(0).max(384), variable: variableId.optional() })
  .superRefine(checkRunHour);

export const BuildTileArgs = z
  .strictObject({
    model: ModelKeySchema,
    run: RunIdSchema,
    variable: variableId,
    region: z.enum(Object.keys(TILE_REGIONS) as [string, ...string[]]),
    res: z.number().min(0.01).max(5),
  })
  .superRefine(checkRunHour);

export const PruneCacheArgs = z.strictObject({
  model: ModelKeySchema.optional(),
  keepRuns: z.number().int().min(1).max(1000),
});
