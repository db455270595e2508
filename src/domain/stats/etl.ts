// GET /api/etl/stats (seed 003 §2) and Query.etlStats: one pipeline's files, per-phase counts, a
// breakdown by every registry grouping, active jobs and processing rate, with any registry grouping
// as a filter. Counts come from the etl_rollup summary rows that triggers keep current (see
// prisma/migrations/*_etl_rollup): a few hundred rows instead of a join over every asset.
//
// Grouping values compare case-insensitively; "none" stands for a missing value (e.g. no SSP).
// Field names only ever come from the registry: a filter picks an array index of the summary rows
// or a bind parameter, never SQL text.
import type { Db } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ServiceError } from "../errors.ts";
import { formatBytes } from "../format.ts";
import { PIPELINES, getPipeline, type PipelineDef } from "../registry.ts";

const NONE = "none";
const MAX_VALUES = 100;

/** Grouping field → accepted values (any of them). */
export type GroupingFilters = Record<string, string[]>;

export interface PhaseStats {
  name: string;
  /** First phase: files not done, processing or failed. */
  pending?: number;
  /** Later phases: previous phase done and this one not. */
  eligible?: number;
  processing: number;
  completed: number;
  failed: number;
  percent_complete: number;
}

/** `total` plus `{phase}_done` and `{phase}_failed` for every phase. */
export type GroupCounts = Record<string, number>;

export interface ActiveJob {
  job_id: string;
  job_type: string;
  /** processing: the job or one of its tasks runs; queued: everything still waits. */
  status: "processing" | "queued";
  /** 1 while the job selects its work, then the stage of its tasks. */
  stage: number;
  task_counts: { completed: number; processing: number; pending: number; failed: number };
}

export interface EtlStats {
  etl_type: string;
  pipeline: { name: string; description: string };
  summary: { total_files: number; total_size_bytes: number; total_size_formatted: string };
  phases: Record<string, PhaseStats>;
  by_grouping: Record<string, Record<string, GroupCounts>>;
  active_jobs: ActiveJob[];
  /** `{phase}_per_hour`: files completed in the last hour; `eta_hours`: until the slowest phase is through. */
  processing_rate: Record<string, number | null>;
  timestamp: string;
}

export interface SliceRow {
  keys: string[];
  counts: GroupCounts;
}

export function requireEtlPipeline(key: string): PipelineDef {
  const p = getPipeline(key);
  if (!p) {
    throw new ServiceError(`unknown pipeline (etl_type) "${key}"; valid: ${PIPELINES.map((x) => x.key).join(", ")}`, "BAD_USER_INPUT");
  }
  return p;
}

export function requireGrouping(p: PipelineDef, field: string): void {
  if (!p.groupings.some((g) => g.field === field)) {
    const valid = p.groupings.map((g) => g.field).join(", ") || "(none)";
    throw new ServiceError(`unknown grouping "${field}" for ${p.key}; valid groupings: ${valid}`, "BAD_USER_INPUT");
  }
}

/** Query-string style filters (`region=CI`, `region=CI,GH` or repeated keys) → GroupingFilters. */
export function filtersFromParams(p: PipelineDef, params: Record<string, string | string[]>): GroupingFilters {
  const filters: GroupingFilters = {};
  for (const [field, raw] of Object.entries(params)) {
    requireGrouping(p, field);
    const values = [raw].flat().flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    if (!values.length) throw new ServiceError(`give at least one value for ${field}`, "BAD_USER_INPUT");
    if (values.length > MAX_VALUES || values.some((v) => v.length > 200 || v.includes("\0"))) {
      throw new ServiceError(`${field}: at most ${MAX_VALUES} values of at most 200 characters, without NUL bytes`, "BAD_USER_INPUT");
    }
    filters[field] = [...(filters[field] ?? []), ...values];
  }
  return filters;
}

/** One summary group: the grouping values, its files and bytes, and its phase rows by `phase/state`. */
interface Group {
  vals: (string | null)[];
  files: number;
  bytes: number;
  phases: Record<string, number>;
}

/**
 * The pipeline's summary groups matching the filters, read in one snapshot and shipped as one JSON
 * value: decoding ten thousand rows through the driver cost more than the query itself.
 */
async function loadGroups(db: Db, p: PipelineDef, filters: GroupingFilters): Promise<{ fields: string[]; groups: Group[] }> {
  const stored = await db.$queryRaw<{ fields: string[] }[]>`SELECT fields FROM etl_rollup.groupings WHERE "pipelineKey" = ${p.key}`;
  const fields = p.groupings.map((g) => g.field);
  if ((stored[0]?.fields ?? []).join("\n") !== fields.join("\n")) {
    throw new Error(`etl_rollup.groupings for ${p.key} does not match the registry; restart to resync and rebuild`);
  }
  const conds = Object.entries(filters).map(
    ([field, values]) =>
      Prisma.sql`AND lower(coalesce(g.vals[${fields.indexOf(field) + 1}::int], ${NONE})) = ANY(${values.map((v) => v.toLowerCase())}::text[])`,
  );
  const [row] = await db.$queryRaw<[{ groups: [Group["vals"], number, number, Group["phases"] | null][] }]>`
    SELECT coalesce(json_agg(json_build_array(g.vals, g.files, g.bytes, ph.counts)), '[]') AS groups
    FROM etl_rollup.asset_groups g
    LEFT JOIN LATERAL (
      SELECT json_object_agg(x."phaseKey" || '/' || x.state, x.n) AS counts FROM etl_rollup.phase_groups x
      WHERE x."pipelineKey" = g."pipelineKey" AND x.vals = g.vals AND x.n <> 0
    ) ph ON true
    WHERE g."pipelineKey" = ${p.key} AND g.files <> 0 ${conds.length ? Prisma.join(conds, " ") : Prisma.empty}`;
  return { fields, groups: row.groups.map(([vals, files, bytes, phases]) => ({ vals, files, bytes, phases: phases ?? {} })) };
}

/** Counts per key (`keyOf` of the grouping values), keys in sorted order. */
function countBy(p: PipelineDef, groups: Group[], keyOf: (vals: (string | null)[]) => string[]): SliceRow[] {
  const out = new Map<string, SliceRow>();
  for (const g of groups) {
    const keys = keyOf(g.vals);
    const id = JSON.stringify(keys);
    let row = out.get(id);
    if (!row) {
      const counts: GroupCounts = { total: 0 };
      for (const ph of p.phases) counts[`${ph.key}_done`] = 0;
      for (const ph of p.phases) counts[`${ph.key}_failed`] = 0;
      out.set(id, (row = { keys, counts }));
    }
    row.counts.total += g.files;
    for (const ph of p.phases) {
      row.counts[`${ph.key}_done`] += g.phases[`${ph.key}/done`] ?? 0;
      row.counts[`${ph.key}_failed`] += g.phases[`${ph.key}/failed`] ?? 0;
    }
  }
  return [...out.values()].sort((a, b) => a.keys.join("\u0000").localeCompare(b.keys.join("\u0000"), "en", { numeric: true }));
}

const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

function phaseStats(p: PipelineDef, groups: Group[], total: number): Record<string, PhaseStats> {
  const count = (phase: string, state: string) => groups.reduce((s, g) => s + (g.phases[`${phase}/${state}`] ?? 0), 0);
  const out: Record<string, PhaseStats> = {};
  p.phases.forEach((ph, i) => {
    const processing = count(ph.key, "processing");
    const completed = count(ph.key, "done");
    const failed = count(ph.key, "failed");
    // A phase is only ever done after the previous one (redoing a phase resets the later ones),
    // so "previous done and this one not" is a difference of two counts.
    const waiting =
      i === 0
        ? { pending: Math.max(0, total - processing - completed - failed) }
        : { eligible: Math.max(0, count(p.phases[i - 1].key, "done") - completed) };
    out[ph.key] = { name: ph.name, ...waiting, processing, completed, failed, percent_complete: pct(completed, total) };
  });
  return out;
}

/**
 * Files whose phase completed in the last hour, per phase (throughput: a file that went missing
 * since still counts). Reads the completedAt index; joins assets only to apply filters.
 */
async function completedLastHour(db: Db, p: PipelineDef, filters: GroupingFilters): Promise<Map<string, number>> {
  const conds = Object.entries(filters).map(
    ([field, values]) =>
      Prisma.sql`AND lower(coalesce(a."sourceMetadata"->>${field}::text, ${NONE})) = ANY(${values.map((v) => v.toLowerCase())}::text[])`,
  );
  const rows = await db.$queryRaw<{ phase: string; n: number }[]>`
    SELECT ap."phaseKey" AS phase, count(*)::int AS n
    FROM asset_phases ap ${conds.length ? Prisma.sql`JOIN assets a ON a.id = ap."assetId"` : Prisma.empty}
    WHERE ap."pipelineKey" = ${p.key} AND ap."phaseKey" = ANY(${p.phases.map((ph) => ph.key)}::text[])
      AND ap."completedAt" > now() - interval '1 hour' AND ap.state = 'done'
      ${conds.length ? Prisma.join(conds, " ") : Prisma.empty}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.phase, r.n]));
}

function processingRate(p: PipelineDef, phases: Record<string, PhaseStats>, total: number, done1h: Map<string, number>) {
  const rate: Record<string, number | null> = {};
  let eta: number | null = 0;
  for (const ph of p.phases) {
    const perHour = done1h.get(ph.key) ?? 0;
    rate[`${ph.key}_per_hour`] = perHour;
    const remaining = total - phases[ph.key].completed;
    if (remaining <= 0) continue;
    eta = perHour && eta !== null ? Math.max(eta, remaining / perHour) : null;
  }
  rate.eta_hours = eta === null ? null : Math.round(eta * 10) / 10;
  return rate;
}

/** Top-level jobs of the pipeline that are queued or running, or whose tasks are (newest first, 50 at most). */
async function activeJobs(db: Db, p: PipelineDef, filters: GroupingFilters): Promise<ActiveJob[]> {
  const parents = await db.$queryRaw<{ id: string; type: string; status: string; args: Record<string, unknown> }[]>`
    WITH open AS (
      -- Both sides read the status indexes, so the cost follows the jobs in flight, not the history
      -- (walking "queuedAt" for the newest 50 read every row when fewer than 50 were open).
      SELECT id FROM jobs WHERE "pipelineKey" = ${p.key} AND "parentId" IS NULL AND status IN ('Pending', 'Running')
      UNION
      SELECT "parentId" FROM jobs WHERE status IN ('Pending', 'Running') AND "parentId" IS NOT NULL
    )
    SELECT j.id::text AS id, j.type, j.status::text AS status, j.args FROM jobs j JOIN open USING (id)
    WHERE j."pipelineKey" = ${p.key} AND j."parentId" IS NULL
    ORDER BY j."queuedAt" DESC LIMIT 50`;
  // A job for another region (args.region) is not active "for region=CI"; jobs without that arg are.
  const relevant = parents.filter((j) =>
    Object.entries(filters).every(([f, vs]) => j.args?.[f] == null || vs.some((v) => v.toLowerCase() === String(j.args[f]).toLowerCase())),
  );
  if (!relevant.length) return [];
  const counts = await db.$queryRaw<{ parent: string; status: string; stage: number | null; n: number }[]>`
    SELECT "parentId"::text AS parent, status::text AS status, max(stage) AS stage, count(*)::int AS n
    FROM jobs WHERE "parentId" = ANY(${relevant.map((j) => j.id)}::uuid[]) GROUP BY 1, 2`;
  return relevant.map((j) => {
    const mine = counts.filter((c) => c.parent === j.id);
    const n = (status: string) => mine.find((c) => c.status === status)?.n ?? 0;
    const running = j.status === "Running" || n("Running") > 0;
    return {
      job_id: j.id,
      job_type: j.type,
      status: running ? "processing" : "queued",
      stage: Math.max(1, ...mine.map((c) => c.stage ?? 1)),
      task_counts: { completed: n("Success"), processing: n("Running"), pending: n("Pending"), failed: n("Failed") },
    };
  });
}

export interface EtlStatsQuery {
  pipeline: string;
  filters?: GroupingFilters;
  /** Registry grouping fields to slice by (GraphQL); rows come back in `slices`. */
  groupBy?: string[];
}

export async function etlStats(db: Db, q: EtlStatsQuery): Promise<{ stats: EtlStats; slices: SliceRow[] }> {
  const p = requireEtlPipeline(q.pipeline);
  const filters = q.filters ?? {};
  for (const f of [...Object.keys(filters), ...(q.groupBy ?? [])]) requireGrouping(p, f);
  const [{ fields, groups }, done1h, active] = await Promise.all([
    loadGroups(db, p, filters),
    completedLastHour(db, p, filters),
    activeJobs(db, p, filters),
  ]);
  const total = groups.reduce((s, g) => s + g.files, 0);
  const bytes = groups.reduce((s, g) => s + g.bytes, 0);
  const phases = phaseStats(p, groups, total);
  const value = (i: number) => (vals: (string | null)[]) => [vals[i] ?? NONE];
  const by_grouping = Object.fromEntries(
    fields.map((f, i) => [f, Object.fromEntries(countBy(p, groups, value(i)).map((r) => [r.keys[0], r.counts]))]),
  );
  const sliceIdx = (q.groupBy ?? []).map((f) => fields.indexOf(f));
  const stats: EtlStats = {
    etl_type: p.key,
    pipeline: { name: p.name, description: p.description },
    summary: { total_files: total, total_size_bytes: bytes, total_size_formatted: formatBytes(bytes) },
    phases,
    by_grouping,
    active_jobs: active,
    processing_rate: processingRate(p, phases, total, done1h),
    timestamp: new Date().toISOString(),
  };
  return { stats, slices: sliceIdx.length ? countBy(p, groups, (vals) => sliceIdx.map((i) => vals[i] ?? NONE)) : [] };
}
