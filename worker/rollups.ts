// Per-minute job counters. Increments are buffered and flushed once a second: every worker
// updating the same (minute, type) row per job would serialise them on one row lock.
import type { Db } from "../src/db/prisma.ts";
import { logger } from "../src/logger.ts";

const log = logger("rollups");

export class RollupBuffer {
  private pending = new Map<string, { minute: Date; type: string; completed: number; failed: number; ms: number }>();
  private timer: NodeJS.Timeout;

  constructor(private db: Db, flushMs = 1000) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  add(type: string, ok: boolean, durationMs: number) {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const key = `${minute.getTime()}|${type}`;
    const e = this.pending.get(key) ?? { minute, type, completed: 0, failed: 0, ms: 0 };
    if (ok) e.completed++;
    else e.failed++;
    e.ms += durationMs;
    this.pending.set(key, e);
  }

  async flush() {
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const e of batch) {
      await this.db.$executeRaw`
        INSERT INTO job_rollups (minute, type, completed, failed, "durationMsSum")
        VALUES (${e.minute}, ${e.type}, ${e.completed}, ${e.failed}, ${BigInt(Math.round(e.ms))})
        ON CONFLICT (minute, type) DO UPDATE SET
          completed = job_rollups.completed + EXCLUDED.completed,
          failed = job_rollups.failed + EXCLUDED.failed,
          "durationMsSum" = job_rollups."durationMsSum" + EXCLUDED."durationMsSum"`.catch((err) =>
        log.warn("rollup flush failed", { error: String(err) }),
      );
    }
  }

  async stop() {
    clearInterval(this.timer);
    await this.flush();
  }
}
