// GET /api/health and Query.health: is the database reachable, are workers alive.
import type { Db } from "../db/prisma.ts";

export async function health(db: Db, heartbeatMs: number, version: string) {
  try {
    const [row] = await db.$queryRaw<{ online: bigint }[]>`
      SELECT count(*) AS online FROM workers WHERE "stoppedAt" IS NULL
        AND "lastHeartbeatAt" > now() - make_interval(secs => ${(3 * heartbeatMs) / 1000})`;
    return { ok: true, database: true, workersOnline: Number(row?.online ?? 0), version };
  } catch {
    return { ok: false, database: false, workersOnline: 0, version };
  }
}
