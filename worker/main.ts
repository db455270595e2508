// `npm run worker`: a worker-only process. Point several machines' workers at one DATABASE_URL;
// without it, it joins the embedded Postgres that `npm start` runs on this machine.
import { loadConfig } from "../src/config.ts";
import { migrate } from "../src/db/migrate.ts";
import { createPrisma } from "../src/db/prisma.ts";
import { logger } from "../src/logger.ts";
import { startWorker } from "./runner.ts";
import { buildCrontab } from "./schedule.ts";

const log = logger("worker-main");

async function main() {
  const config = loadConfig();
  const url = config.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/pipewatch`;
  await migrate(url);
  const db = createPrisma(url, config.WORKER_CONCURRENCY + 4);
  let stopping = false;
  const worker = await startWorker({
    connectionString: url,
    db,
    concurrency: config.WORKER_CONCURRENCY,
    heartbeatMs: config.HEARTBEAT_INTERVAL_MS,
    pollIntervalMs: config.WORKER_POLL_INTERVAL_MS,
    crontab: buildCrontab(config),
      gracefulShutdownMs: config.WORKER_SHUTDOWN_GRACE_MS,
    onFatal: (e) => {
      log.error("worker runner died", { error: String(e) });
      void stop(1);
    },
  });
  async function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await db.$disconnect();
    process.exit(code);
  }
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  console.log(`pipewatch worker ${worker.id} running (concurrency ${config.WORKER_CONCURRENCY})`);
}

main().catch((e) => {
  log.error("failed to start", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
});
