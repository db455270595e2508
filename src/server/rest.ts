// REST compatibility routes. Thin: parse the query string, call the domain, send JSON.
import express from "express";
import type { Services } from "../graphql/context.ts";
import { health } from "../domain/health.ts";
import { statusDeep } from "../domain/status-deep.ts";
import { ServiceError } from "../domain/errors.ts";

export function restRouter(services: Services) {
  const r = express.Router();
  r.get("/health", async (_req, res) => {
    const h = await health(services.db, services.heartbeatMs, services.version);
    res.status(h.ok ? 200 : 503).json({ status: h.ok ? "ok" : "degraded", database: h.database ? "up" : "down", workers_online: h.workersOnline, version: h.version });
  });
  r.get("/status/deep", async (_req, res) => {
    res.json(await statusDeep(services.db, services.config));
  });
  r.use((_req, res) => res.status(404).json({ error: "no such API route" }));
  r.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err instanceof ServiceError) return res.status(err.status).json({ error: err.message });
    throw err;
  });
  return r;
}
