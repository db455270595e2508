// GET /api/status/deep (seed 000 §3): queue numbers, the run inventory and computed alerts.
import type { Config } from "../config.ts";
import type { Db } from "../db/prisma.ts";
import { queueStats, type QueueStats } from "./job-queries.ts";
import { weatherInventory, type RunInventory } from "./inventory.ts";
import { diskUsageSummary } from "./resources.ts";
import { formatBytes } from "./format.ts";
import { MODEL_KEYS } from "./weather/models.ts";

export interface Alert {
  level: "warning" | "critical";
  code: string;
  message: string;
}

/** How old a model's newest run may get before we say so (cadence + publication delay + slack). */
const STALE_AFTER_HOURS: Record<string, number> = { hrrr: 4, gfs: 12 };

type AlertConfig = Pick<Config, "HEARTBEAT_INTERVAL_MS" | "DISK_ALERT_BYTES" | "FAILURE_RATE_ALERT">;

export async function computeAlerts(db: Db, cfg: AlertConfig, q: QueueStats, inventory: RunInventory[], now = new Date()): Promise<Alert[]> {
  const alerts: Alert[] = [];
  const staleWorkers = await db.$queryRaw<{ id: string; lastHeartbeatAt: Date }[]>`
    SELECT id, "lastHeartbeatAt" FROM workers WHERE "stoppedAt" IS NULL
      AND "lastHeartbeatAt" < now() - make_interval(secs => ${(3 * cfg.HEARTBEAT_INTERVAL_MS) / 1000})
      AND "lastHeartbeatAt" > now() - interval '1 day'`;
  for (const w of staleWorkers) {
    alerts.push({ level: "warning", code: "worker_offline", message: `worker ${w.id} has missed heartbeats since ${w.lastHeartbeatAt.toISOString()}` });
  }
  if (q.workersOnline === 0 && q.pending > 0) {
    alerts.push({ level: "critical", code: "no_workers", message: `${q.pending} jobs are waiting and no worker is online` });
  }
  if (q.failed1h >= 3 && q.failureRate1h > cfg.FAILURE_RATE_ALERT) {
    alerts.push({
      level: "warning",
      code: "failure_rate",
      message: `${(q.failureRate1h * 100).toFixed(1)}% of jobs failed in the last hour (${q.failed1h} failed; threshold ${(cfg.FAILURE_RATE_ALERT * 100).toFixed(0)}%)`,
    });
  }
  for (const model of MODEL_KEYS) {
    const newest = inventory.filter((r) => r.model === model && r.cycleTime).sort((a, b) => b.cycleTime!.getTime() - a.cycleTime!.getTime())[0];
    if (!newest) continue;
    const ageH = (now.getTime() - newest.cycleTime!.getTime()) / 3_600_000;
    if (ageH > STALE_AFTER_HOURS[model]!) {
      alerts.push({ level: "warning", code: "stale_run", message: `newest ${model} run ${newest.run} is ${Math.floor(ageH)} h old (expected within ${STALE_AFTER_HOURS[model]} h)` });
    }
  }
  for (const r of inventory.filter((x) => x.status === "failed")) {
    alerts.push({ level: "warning", code: "run_failed", message: `${r.model} ${r.run}: ${r.reason ?? "failed"}` });
  }
  const disk = await diskUsageSummary(db);
  if (disk.totalBytes > cfg.DISK_ALERT_BYTES) {
    alerts.push({ level: "warning", code: "disk_usage", message: `cache holds ${formatBytes(disk.totalBytes)} (threshold ${formatBytes(cfg.DISK_ALERT_BYTES)})` });
  }
  return alerts;
}

export async function statusDeep(db: Db, cfg: AlertConfig) {
  const [q, inventory] = await Promise.all([queueStats(db, cfg.HEARTBEAT_INTERVAL_MS), weatherInventory(db, { limit: 20 })]);
  return {
    queue: { pending: q.pending, active: q.running, failed_1h: q.failed1h, workers_online: q.workersOnline },
    inventory: inventory.map((r) => ({
      model: r.model,
      run: r.run,
      status: r.status,
      missing_hours: r.missingHours.map((m) => m.hour),
      reason: r.reason,
    })),
    alerts: await computeAlerts(db, cfg, q, inventory),
  };
}
