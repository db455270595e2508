// Per-request context: shared services only (no per-request state besides who is asking).
import type { Config } from "../config.ts";
import type { Viewer } from "../server/auth.ts";
import type { Db } from "../db/prisma.ts";
import type { JobFeed, SharedFeed } from "../domain/feeds.ts";
import type { QueueStats } from "../domain/job-queries.ts";
import type { PhaseProgress } from "../domain/phase-progress.ts";

export interface Services {
  db: Db;
  config: Config;
  heartbeatMs: number;
  version: string;
  jobFeed: JobFeed;
  queueFeed: SharedFeed<QueueStats>;
  phaseFeed(pipeline: string): SharedFeed<PhaseProgress[]>;
}

export interface GraphQLContext {
  services: Services;
  /** Who is asking: decides whether mutations are allowed. */
  viewer: Viewer;
}
