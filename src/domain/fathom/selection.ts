// Which FATHOM work is ready: phase-1 stacks (the 8 return periods of one region/scenario/tile) and
// phase-2 grid cells (the phase-1 tiles of one N×N cell and scenario). The Submit Phase 1/2 jobs
// fan out over these, and the submit forms' dry run (submitPreview) counts them.
//
// A group is "busy" while any of its assets is processing in either phase: it is skipped so that
// a stack is never re-stacked under a running merge, or merged while one of its tiles is restacked.
import type { Db } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { getPipeline } from "../registry.ts";
import { RETURN_PERIODS, gridCellOf } from "./names.ts";

export const FATHOM = "fathom";
const phases = getPipeline(FATHOM)!.phases;
/** Band Stack and Spatial Merge, as the registry names them. */
export const STACK_PHASE = phases[0].key;
export const MERGE_PHASE = phases[1].key;

export interface FathomFilter {
  region?: string;
  flood_type?: string;
}

/** `a."sourceMetadata"->>'field'` for a field name written in this file (never from input). */
function meta(field: string): Prisma.Sql {
  if (!/^[a-z_]+$/.test(field)) throw new Error(`not a metadata field name: ${field}`);
  return Prisma.raw(`a."sourceMetadata"->>'${field}'`);
}

/** Present source assets of the filter; the field names are literals so the expression indexes apply. */
function scope(filter: FathomFilter): Prisma.Sql {
  const parts = [Prisma.sql`a."pipelineKey" = ${FATHOM}`, Prisma.sql`a."missingSince" IS NULL`];
  if (filter.region) parts.push(Prisma.sql`${meta("region")} = ${filter.region}`);
  if (filter.flood_type) parts.push(Prisma.sql`${meta("flood_type")} = ${filter.flood_type}`);
  return Prisma.join(parts, " AND ");
}

/** One row per stack key: its asset ids in return-period order and its phase-1 situation. */
function stackGroups(filter: FathomFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT ${meta("stack_key")} AS key,
      array_agg(a.id::text ORDER BY (${meta("return_period")})::int) AS ids,
      array_agg(DISTINCT (${meta("return_period")})::int) AS rps,
      count(*)::int AS files,
      count(*) = ${RETURN_PERIODS.length} AND count(DISTINCT ${meta("return_period")}) = ${RETURN_PERIODS.length} AS complete,
      bool_or(p1.state IN ('pending', 'failed')) AS todo,
      bool_or(p1.state = 'processing' OR p2.state = 'processing') AS busy
    FROM assets a
    JOIN asset_phases p1 ON p1."assetId" = a.id AND p1."phaseKey" = ${STACK_PHASE}
    LEFT JOIN asset_phases p2 ON p2."assetId" = a.id AND p2."phaseKey" = ${MERGE_PHASE}
    WHERE ${scope(filter)}
    GROUP BY 1`;
}

export interface StackSummary {
  /** Complete stacks with files to (re)stack and nothing processing. */
  ready: number;
  /** Complete stacks waiting for a running task. */
  busy: number;
  /** Stacks missing some of the 8 return periods: never stacked until the inventory finds them. */
  incomplete: number;
  incompleteExamples: { stack: string; return_periods: number[] }[];
}

export async function stackSummary(db: Db, filter: FathomFilter): Promise<StackSummary> {
  const [row] = await db.$queryRaw<[{ ready: number; busy: number; incomplete: number; examples: { key: string; rps: number[] }[] }]>`
    WITH g AS (${stackGroups(filter)})
    SELECT
      (SELECT count(*) FROM g WHERE complete AND todo AND NOT busy)::int AS ready,
      (SELECT count(*) FROM g WHERE complete AND todo AND busy)::int AS busy,
      (SELECT count(*) FROM g WHERE NOT complete)::int AS incomplete,
      (SELECT coalesce(json_agg(x), '[]') FROM (SELECT key, rps FROM g WHERE NOT complete ORDER BY key LIMIT 10) x) AS examples`;
  return {
    ready: row.ready,
    busy: row.busy,
    incomplete: row.incomplete,
    incompleteExamples: row.examples.map((e) => ({ stack: e.key, return_periods: e.rps })),
  };
}

export interface Stack {
  key: string;
  /** The 8 source assets, in return-period order. */
  assetIds: string[];
}

/** Ready stacks in key order, at most `limit`. */
export async function readyStacks(db: Db, filter: FathomFilter, limit?: number): Promise<Stack[]> {
  const rows = await db.$queryRaw<{ key: string; ids: string[] }[]>`
    SELECT key, ids FROM (${stackGroups(filter)}) g
    WHERE complete AND todo AND NOT busy ORDER BY key LIMIT ${limit ?? null}::bigint`;
  return rows.map((r) => ({ key: r.key, assetIds: r.ids }));
}

export interface Cell {
  region: string;
  scenario: string;
  /** e.g. n04w008_4x4 */
  gridCell: string;
  /** Every phase-1-done asset of the cell: a cell is always merged whole. */
  assetIds: string[];
}

/**
 * One row per grid cell (N×N tiles, per region and scenario). A cell is ready when it has
 * phase-2-eligible files and nothing processing; one whose other tiles finish phase 1 later becomes
 * eligible again and is merged anew with all of them.
 */
function cellGroups(filter: FathomFilter, gridSize: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${meta("region")} AS region, ${meta("scenario")} AS scenario,
      floor((${meta("lat")})::numeric / ${gridSize})::int * ${gridSize} AS lat,
      floor((${meta("lon")})::numeric / ${gridSize})::int * ${gridSize} AS lon,
      array_agg(a.id::text ORDER BY a.id) FILTER (WHERE p1.state = 'done') AS ids,
      (count(*) FILTER (WHERE p1.state = 'done' AND p2.state IN ('pending', 'failed')))::int AS eligible,
      bool_or(p1.state = 'processing' OR p2.state = 'processing') AS busy
    FROM assets a
    JOIN asset_phases p1 ON p1."assetId" = a.id AND p1."phaseKey" = ${STACK_PHASE}
    JOIN asset_phases p2 ON p2."assetId" = a.id AND p2."phaseKey" = ${MERGE_PHASE}
    WHERE ${scope(filter)}
    GROUP BY 1, 2, 3, 4`;
}

/** Ready cells in (region, scenario, position) order, at most `limit`. */
export async function readyCells(db: Db, filter: FathomFilter, gridSize: number, limit?: number): Promise<Cell[]> {
  const rows = await db.$queryRaw<{ region: string; scenario: string; lat: number; lon: number; ids: string[] }[]>`
    SELECT region, scenario, lat, lon, ids FROM (${cellGroups(filter, gridSize)}) c
    WHERE eligible > 0 AND NOT busy ORDER BY region, scenario, lat, lon LIMIT ${limit ?? null}::bigint`;
  return rows.map((r) => ({ region: r.region, scenario: r.scenario, gridCell: gridCellOf(r.lat, r.lon, gridSize), assetIds: r.ids }));
}

export interface CellSummary {
  /** Ready cells, at most `limit`. */
  ready: number;
  /** Phase-2-eligible files in those cells. */
  eligibleFiles: number;
  /** Cells with eligible files waiting for a running task. */
  busy: number;
}

export async function cellSummary(db: Db, filter: FathomFilter, gridSize: number, limit?: number): Promise<CellSummary> {
  const [row] = await db.$queryRaw<[{ ready: number; files: number; busy: number }]>`
    WITH c AS (${cellGroups(filter, gridSize)}),
    r AS (SELECT eligible FROM c WHERE eligible > 0 AND NOT busy ORDER BY region, scenario, lat, lon LIMIT ${limit ?? null}::bigint)
    SELECT (SELECT count(*) FROM r)::int AS ready, (SELECT coalesce(sum(eligible), 0) FROM r)::int AS files,
      (SELECT count(*) FROM c WHERE eligible > 0 AND busy)::int AS busy`;
  return { ready: row.ready, eligibleFiles: row.files, busy: row.busy };
}
