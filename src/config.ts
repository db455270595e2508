// The environment, read once and checked with zod (trigger.dev's habit): every setting the README lists.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  /** External Postgres. Unset = start an embedded Postgres under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** @default ".data/postgres" */
  EMBEDDED_PG_DIR: z.string().default(".data/postgres"),
  /** @default 54329 — not 5432, so it never collides with a system Postgres. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** @default 3000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** @default "0.0.0.0" */
  HOST: z.string().default("0.0.0.0"),
  /** Jobs one worker process runs at once. @default 4 */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Run a graphile-worker runner inside `npm start`. @default true */
  WORKER_IN_PROCESS: bool.default(true),
  /** On SIGTERM, running jobs get this long to finish before they are aborted and released. @default 30000 */
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Worker heartbeat period; a worker is offline after 3 missed beats. @default 5000 */
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How often graphile-worker polls when LISTEN is quiet. @default 2000 */
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /**
   * Minimum gap between two pushes of an aggregate feed (queueUpdated, phaseProgress). 150 ms keeps
   * p95 delivery under 250 ms (bench/README.md, fanout) for at most ~7 shared queries/s per instance.
   * @default 150
   */
  FEED_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(150),
  /** Bearer token required for every mutation when set (reads stay open). */
  API_TOKEN: z.string().min(16, "API_TOKEN must be at least 16 characters").optional(),
  /** Allow mutations without a token. Default: true only in the embedded (no DATABASE_URL) mode. */
  ALLOW_ANONYMOUS_WRITES: bool.optional(),
  /** Mutations per client IP per minute. @default 120 */
  MUTATION_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Root of the file cache (gribs/, tiles/). @default "./cache" */
  CACHE_DIR: z.string().default("./cache"),
  /** Root of the ETL inputs: a FATHOM container or a raster source is a relative path under it. @default "./data/bronze" */
  BRONZE_DIR: z.string().default("./data/bronze"),
  /** Root of the ETL outputs (fathom-stacked/, fathom/, cogs/, stac/). @default "./data/silver" */
  SILVER_DIR: z.string().default("./data/silver"),
  /** HTTP attempts per upstream request (retries with exponential backoff + jitter). @default 4 */
  UPSTREAM_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  /** First retry delay; doubles per attempt up to 30 s. @default 1000 */
  UPSTREAM_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Idle timeout of an upstream request (no headers / no bytes for this long). @default 60000 */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Keep GRIBs after their tile is built (seed 000 §4.2: deleted by default). @default false */
  KEEP_GRIBS: bool.default(false),
  /** Minutes between scheduled ScanSource runs per model; 0 disables the schedule. @default 10 */
  SCAN_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  /** Minutes between scheduled RefreshDiskUsage runs; 0 disables the schedule. @default 5 */
  DISK_USAGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** How many of the newest upstream days ScanSource looks at. @default 1 */
  SCAN_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(30).default(1),
  /** Newest runs ScanSource ingests per model (older upstream runs are only recorded). @default 2 */
  SCAN_MAX_RUNS: z.coerce.number().int().min(1).max(100).default(2),
  /** Alert when the cache holds more than this many bytes. @default 50 GB */
  DISK_ALERT_BYTES: z.coerce.number().min(0).default(50e9),
  /** Alert when the 1 h failure rate exceeds this fraction. @default 0.2 */
  FAILURE_RATE_ALERT: z.coerce.number().min(0).max(1).default(0.2),
  /** "production" serves the built Next.js app; anything else runs Next in dev mode. */
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  /** debug | info | warn | error. @default "info" */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Config = z.infer<typeof schema>;

/** Parse an environment; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const res = schema.safeParse(cleaned);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return res.data;
}
