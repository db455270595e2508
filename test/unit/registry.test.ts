import { describe, expect, it } from "vitest";
import { JOB_TYPES, PIPELINES, argsJsonSchema, getJobType, pipelineOfJobType } from "../../src/domain/registry.ts";
import { TASKS } from "../../worker/tasks/index.ts";

describe("pipeline registry", () => {
  it("a job type is available exactly when the worker has its handler", () => {
    for (const def of Object.values(JOB_TYPES)) {
      expect(!!TASKS[def.type], `${def.type}: planned=${def.planned}`).toBe(!def.planned);
    }
    for (const type of Object.keys(TASKS)) expect(getJobType(type), type).toBeDefined();
  });

  it("mirrors seed 003 §1: fathom phases, groupings and submit actions", () => {
    const fathom = PIPELINES.find((p) => p.key === "fathom")!;
    expect(fathom.phases.map((p) => [p.key, p.name])).toEqual([
      ["phase1", "Band Stack"],
      ["phase2", "Spatial Merge"],
    ]);
    expect(fathom.groupings.map((g) => g.field)).toEqual(expect.arrayContaining(["region", "flood_type", "defense", "year"]));
    expect(fathom.submitActions.map((a) => [a.jobType, a.label])).toEqual([
      ["inventory_fathom_container", "Run Inventory"],
      ["process_fathom_stack", "Submit Phase 1"],
      ["process_fathom_merge", "Submit Phase 2"],
    ]);
    expect(PIPELINES.find((p) => p.key === "weather")!.jobTypes).toEqual(["ScanSource", "IngestGrib", "BuildTile", "PruneCache"]);
    expect(PIPELINES.find((p) => p.key === "raster_v2")!.jobTypes).toEqual(["process_raster_v2", "process_large_raster_v2"]);
  });

  it("every pipeline job type, phase job type and submit action is declared", () => {
    for (const p of PIPELINES) {
      for (const t of [...p.jobTypes, ...p.submitActions.map((a) => a.jobType), ...p.phases.flatMap((ph) => ph.jobType ?? [])]) {
        expect(getJobType(t), `${p.key}: ${t}`).toBeDefined();
        expect(pipelineOfJobType(t)?.key).toBe(p.key);
      }
    }
  });

  it("publishes a JSON Schema per job type for forms and docs", () => {
    const schema = argsJsonSchema(JOB_TYPES.IngestGrib) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(["model", "run", "hour", "variable"]);
    expect(schema.required).toEqual(["model", "run", "hour"]);
  });

  it("rejects path traversal in path-like args", () => {
    const bad = ["../etc", "/abs/path", "a/../../b", "x\0y"];
    for (const container of bad) {
      expect(JOB_TYPES.inventory_fathom_container.args.safeParse({ container }).success, container).toBe(false);
    }
    expect(JOB_TYPES.inventory_fathom_container.args.safeParse({ container: "bronze-fathom" }).success).toBe(true);
  });
});
