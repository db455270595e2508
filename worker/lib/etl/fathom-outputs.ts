// Where FATHOM outputs go under SILVER_DIR, and the STAC collections they belong to:
//   fathom-stacked/{region}/{scenario}/{tile}.tif       phase 1, one 8-band COG per stack (+ {tile}.json item)
//   fathom/{region}/{scenario}/{grid_cell}.tif          phase 2, one COG per grid cell (+ {grid_cell}.json item)
//   stac/fathom-stacked/collection.json, stac/fathom/collection.json
import type { Db } from "../../../src/db/prisma.ts";
import type { FathomMeta } from "../../../src/domain/fathom/names.ts";
import { PermanentError } from "../../errors.ts";
import type { CollectionDef } from "./stac-catalog.ts";
import { insideRoot } from "./roots.ts";

export const STACKED: CollectionDef = {
  id: "fathom-stacked",
  title: "FATHOM flood depth, return periods stacked",
  description: "One COG per region, scenario and 1° tile; band i is the flood depth of return period i (1in5 … 1in1000).",
};
export const MERGED: CollectionDef = {
  id: "fathom",
  title: "FATHOM flood depth, merged grid cells",
  description: "Phase-1 stacks merged into one COG per region, scenario and N×N-degree grid cell.",
};

export const stackedCog = (silver: string, m: Pick<FathomMeta, "region" | "scenario" | "tile">) =>
  insideRoot(silver, STACKED.id, m.region, m.scenario, `${m.tile}.tif`);
export const mergedCog = (silver: string, region: string, scenario: string, gridCell: string) =>
  insideRoot(silver, MERGED.id, region, scenario, `${gridCell}.tif`);
export const collectionFile = (silver: string, c: CollectionDef) => insideRoot(silver, "stac", c.id, "collection.json");
export const itemFileFor = (cog: string) => cog.replace(/\.tif$/, ".json");

export interface SourceAsset {
  id: string;
  path: string;
  meta: FathomMeta & { stack_key: string };
}

/** The source assets `ids` (all of them, or a PermanentError naming the missing ones). */
export async function loadSources(db: Db, ids: string[]): Promise<SourceAsset[]> {
  const rows = await db.$queryRaw<{ id: string; path: string; meta: SourceAsset["meta"] }[]>`
    SELECT id::text AS id, path, "sourceMetadata" AS meta FROM assets WHERE id = ANY(${ids}::bigint[])`;
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new PermanentError(`source assets no longer registered: ${missing.join(", ")}`);
  return rows;
}

/** STAC datetime of a FATHOM layer: its epoch year (the present-day layers say 2020). */
export const layerDatetime = (m: Pick<FathomMeta, "year">) => (m.year ? `${m.year}-01-01T00:00:00Z` : new Date());

/** Item properties shared by both collections. */
export const fathomProperties = (m: FathomMeta) => ({
  "fathom:region": m.region,
  "fathom:flood_type": m.flood_type,
  "fathom:defense": m.defense,
  "fathom:year": m.year,
  "fathom:ssp": m.ssp,
  "fathom:scenario": m.scenario,
});
