// `npm start`: Postgres (embedded unless DATABASE_URL), migrations, registry sync, the HTTP server
// (pages, GraphQL, subscriptions, REST) and an in-process worker. Ctrl-C / SIGTERM stop it cleanly.
import { loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { createPrisma } from "../db/prisma.ts";
import { syncRegistry } from "../domain/registry-sync.ts";
import { logger } from "../logger.ts";
import { startWorker, type WorkerRunner } from "../../worker/runner.ts";
import { buildCrontab } from "../../worker/schedule.ts";
import { createApp } from "./app.ts";
import { resolveDatabase } from "./database.ts";
import { startNext } from "./next.ts";
import pkg from "../../package.json" with { type: "json" };

const log = logger("main");

async function main() {
  const config = loadConfig();
  const dev = config.NODE_ENV === "development";
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
  const database = await resolveDatabase(config);
  await migrate(database.url);
  const db = createPrisma(database.url);
  await syncRegistry(db);
  const next = process.env.PIPEWATCH_NO_UI === "1" ? undefined : await startNext(dev);
  const app = await createApp({
    db,
    config,
    connectionString: database.url,
    heartbeatMs: config.HEARTBEAT_INTERVAL_MS,
    feedIntervalMs: config.FEED_INTERVAL_MS,
    version: pkg.version,
    next,
  });
  const port = await app.listen(config.PORT, config.HOST);
  let worker: WorkerRunner | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { reason });
    const force = setTimeout(() => process.exit(1), 60_000);
    force.unref();
    await worker?.stop().catch((e) => log.error("worker stop failed", { error: String(e) }));
    await app.close().catch((e) => log.error("server close failed", { error: String(e) }));
    await next?.close();
    await db.$disconnect();
    await database.stop().catch((e) => log.error("embedded Postgres stop failed", { error: String(e) }));
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  if (config.WORKER_IN_PROCESS) {
    worker = await startWorker({
      connectionString: database.url,
      db,
      concurrency: config.WORKER_CONCURRENCY,
      heartbeatMs: config.HEARTBEAT_INTERVAL_MS,
      pollIntervalMs: config.WORKER_POLL_INTERVAL_MS,
      crontab: buildCrontab(config),
      gracefulShutdownMs: config.WORKER_SHUTDOWN_GRACE_MS,
      onFatal: (e) => {
        log.error("worker runner died", { error: String(e) });
        void shutdown("worker crashed", 1);
      },
    });
  }
  // Tests and scripts read this line to find the port.
  console.log(`pipewatch listening on http://localhost:${port} (worker: ${worker?.id ?? "off"})`);
}

main().catch((e) => {
  log.error("failed to start", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
});
