// inventory_fathom_container: walks {BRONZE_DIR}/{container}/{prefix} (layout {region}/{layer id}/{tile}.tif),
// registers every FATHOM source file with its parsed name and phase rows, flags registered files
// that are gone, and reports names it cannot parse instead of registering them. Idempotent: a
// re-scan rewrites nothing that did not change; a changed file's phases start over.
import { stat } from "node:fs/promises";
import type { JobArgs } from "../../src/domain/registry.ts";
import { RETURN_PERIODS, parseFathomPath } from "../../src/domain/fathom/names.ts";
import { flagMissing, upsertInventoryRun, upsertSourceBatch, type SourceFile } from "../../src/domain/fathom/assets.ts";
import type { TaskHandler } from "../context.ts";
import { PermanentError } from "../errors.ts";
import { walkFiles } from "../lib/storage.ts";
import { etlRoots, insideRoot } from "../lib/etl/roots.ts";

const BATCH = 1000;
const EXAMPLES = 20;

// A type, not an interface: it goes into the Run's JSON metadata.
type Unparseable = { path: string; reason: string };

export const inventory_fathom_container: TaskHandler<JobArgs<"inventory_fathom_container">> = async (args, ctx) => {
  const { bronze } = etlRoots();
  const base = [args.container, ...(args.prefix ? [args.prefix] : [])].join("/");
  const dir = insideRoot(bronze, base);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    throw new PermanentError(`${base} is not a directory under BRONZE_DIR (${bronze})`);
  }

  const files: SourceFile[] = [];
  const unparseable: Unparseable[] = [];
  for await (const f of walkFiles(dir)) {
    const path = [base, ...f.rel, f.name].join("/");
    // Names are parsed relative to the container: a prefix is part of the {region}/{layer}/{tile} layout.
    const parsed = parseFathomPath(path.slice(args.container.length + 1));
    if (!parsed.ok) unparseable.push({ path, reason: parsed.error });
    else if (parsed.meta.return_period === null) {
      unparseable.push({ path, reason: `layer ${parsed.meta.layer} has no return period (1in${RETURN_PERIODS[0]} … 1in${RETURN_PERIODS.at(-1)}), so it belongs to no stack` });
    } else files.push({ path, size: f.size, mtime: new Date(f.mtimeMs), meta: parsed.meta });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  unparseable.sort((a, b) => a.path.localeCompare(b.path));
  if (unparseable.length) {
    ctx.log.warn("unparseable FATHOM names, not registered", { container: args.container, count: unparseable.length, first: unparseable.slice(0, 5) });
  }

  const run = await upsertInventoryRun(ctx.db, args.container, args.prefix);
  const totals = { added: 0, changed: 0, restored: 0 };
  ctx.progress(0, files.length);
  for (let i = 0; i < files.length; i += BATCH) {
    ctx.signal.throwIfAborted();
    const r = await upsertSourceBatch(ctx.db, run.id, files.slice(i, i + BATCH));
    totals.added += r.added;
    totals.changed += r.changed;
    totals.restored += r.restored;
    ctx.progress(Math.min(i + BATCH, files.length), files.length);
  }
  const missing = await flagMissing(ctx.db, `${base}/`, files.map((f) => f.path));

  const summary = {
    scanned: `${base}/`,
    files: files.length,
    bytes: files.reduce((s, f) => s + f.size, 0),
    ...totals,
    missing: { count: missing.length, examples: missing.slice(0, EXAMPLES) },
    unparseable: { count: unparseable.length, examples: unparseable.slice(0, EXAMPLES) },
  };
  await ctx.db.run.update({ where: { id: run.id }, data: { metadata: { ...summary, scannedAt: new Date().toISOString() } } });
  return { run_id: String(run.id), ...summary };
};
