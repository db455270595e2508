// Publishes STAC Items next to their COGs and keeps one Collection file per collection up to date.
// Tasks run concurrently on several machines: each Collection update (read, widen, write) runs under
// a Postgres advisory lock on the collection, so no task loses another's item link.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../../src/db/prisma.ts";
import { logger } from "../../../src/logger.ts";
import { writeFileAtomic } from "../storage.ts";
import { buildCollection, type StacCollection, type StacItem } from "../stac.ts";

const log = logger("stac");

export interface CollectionDef {
  id: string;
  title: string;
  description: string;
}

const rel = (from: string, to: string) => {
  const r = path.relative(path.dirname(from), to).split(path.sep).join("/");
  return r.startsWith(".") ? r : `./${r}`;
};

async function readCollection(file: string): Promise<StacCollection | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as StacCollection;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    // A damaged file is rebuilt from here on; the items themselves are intact next to their COGs.
    log.warn("unreadable STAC collection, starting it afresh", { file, error: String(e) });
    return undefined;
  }
}

/** Writes `item` to `itemPath` and links it from the collection at `collectionPath`. */
export async function publishStacItem(
  db: Db,
  opts: { item: StacItem; itemPath: string; collection: CollectionDef; collectionPath: string },
): Promise<void> {
  const { itemPath, collectionPath, collection } = opts;
  const item: StacItem = {
    ...opts.item,
    links: [...opts.item.links, { rel: "collection", href: rel(itemPath, collectionPath), type: "application/json" }],
  };
  await writeFileAtomic(itemPath, JSON.stringify(item, null, 2) + "\n");
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pipewatch:stac:${collection.id}`}))`;
      const existing = await readCollection(collectionPath);
      const next = buildCollection({ ...collection, items: [item], existing });
      const link = { rel: "item", href: rel(collectionPath, itemPath), type: "application/geo+json" };
      const links = next.links.filter((l) => !(l.rel === "item" && l.href === link.href));
      await writeFileAtomic(collectionPath, JSON.stringify({ ...next, links: [...links, link] }, null, 2) + "\n");
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
