// System resources (seed 000 §2.3): disk usage per model/run and cache age, from the rows the
// RefreshDiskUsage job writes.
import type { Db } from "../db/prisma.ts";

export async function diskUsageSummary(db: Db) {
  const rows = await db.diskUsage.findMany({ orderBy: [{ model: "asc" }, { run: "desc" }] });
  const runs = rows.map((r) => ({
    model: r.model,
    run: r.run,
    gribBytes: Number(r.gribBytes),
    tileBytes: Number(r.tileBytes),
    files: r.files,
    oldestMtime: r.oldestMtime,
    newestMtime: r.newestMtime,
  }));
  const times = (f: (r: (typeof rows)[number]) => Date | null) => rows.map(f).filter((d): d is Date => !!d).map((d) => d.getTime());
  const oldest = times((r) => r.oldestMtime);
  const newest = times((r) => r.newestMtime);
  const scanned = rows.map((r) => r.scannedAt.getTime());
  return {
    totalBytes: runs.reduce((a, r) => a + r.gribBytes + r.tileBytes, 0),
    oldestMtime: oldest.length ? new Date(Math.min(...oldest)) : null,
    newestMtime: newest.length ? new Date(Math.max(...newest)) : null,
    scannedAt: scanned.length ? new Date(Math.max(...scanned)) : null,
    runs,
  };
}
