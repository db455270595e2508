// REST compatibility routes. Thin: parse the query string, call the domain, send JSON.
import express from "express";
import { z } from "zod";
import type { Services } from "../graphql/context.ts";
import { health } from "../domain/health.ts";
import { statusDeep } from "../domain/status-deep.ts";
import { ServiceError, describeIssues } from "../domain/errors.ts";
import { PIPELINES } from "../domain/registry.ts";
import { etlStats, filtersFromParams, requireEtlPipeline } from "../domain/stats/etl.ts";

/** `?etl_type=fathom&region=CI&flood_type=fluvial`: every other parameter is a registry grouping. */
const EtlStatsQuery = z
  .object({ etl_type: z.string({ error: `etl_type is required; valid: ${PIPELINES.map((p) => p.key).join(", ")}` }) })
  .catchall(z.union([z.string(), z.array(z.string())]));

/** `?type=fathom[&region=GH]`: no type = the pipeline selector. */
const InterfacePipelineQuery = z
  .object({ type: z.string().regex(/^[a-z0-9_]{1,64}$/, "type is a pipeline key such as fathom").optional() })
  .catchall(z.union([z.string().max(200), z.array(z.string().max(200)).max(20)]));
const InterfaceTasksQuery = z.object({ job_id: z.uuid({ error: "job_id must be a job's UUID" }) });

export function restRouter(services: Services) {
  const r = express.Router();
  r.get("/health", async (_req, res) => {
    const h = await health(services.db, services.heartbeatMs, services.version);
    res.status(h.ok ? 200 : 503).json({ status: h.ok ? "ok" : "degraded", database: h.database ? "up" : "down", workers_online: h.workersOnline, version: h.version });
  });
  r.get("/status/deep", async (_req, res) => {
    res.json(await statusDeep(services.db, services.config));
  });
  r.get("/etl/stats", async (req, res) => {
    const parsed = EtlStatsQuery.safeParse(req.query);
    if (!parsed.success) throw new ServiceError(describeIssues(parsed.error.issues), "BAD_USER_INPUT");
    const { etl_type, ...params } = parsed.data;
    const filters = filtersFromParams(requireEtlPipeline(etl_type), params);
    res.json((await etlStats(services.db, { pipeline: etl_type, filters })).stats);
  });
  // The seed's interface URLs (seed 003 §3, §4) now live at /pipelines/[type] and /jobs/[id].
  r.get("/interface/pipeline", (req, res) => {
    const parsed = InterfacePipelineQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ error: describeIssues(parsed.error.issues) });
    const { type, ...rest } = parsed.data;
    const qs = new URLSearchParams(Object.entries(rest).flatMap(([k, v]) => [v].flat().map((x) => [k, x] as [string, string]))).toString();
    res.redirect(302, type ? `/pipelines/${type}${qs ? `?${qs}` : ""}` : "/pipelines");
  });
  r.get("/interface/tasks", (req, res) => {
    const parsed = InterfaceTasksQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ error: describeIssues(parsed.error.issues) });
    res.redirect(302, `/jobs/${parsed.data.job_id.toLowerCase()}`);
  });
  r.use((_req, res) => res.status(404).json({ error: "no such API route" }));
  r.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err instanceof ServiceError) return res.status(err.status).json({ error: err.message });
    throw err;
  });
  return r;
}
