// Which Postgres: DATABASE_URL when set, otherwise the embedded one under EMBEDDED_PG_DIR.
import type { Config } from "../config.ts";
import { startEmbeddedPostgres } from "../db/embedded.ts";

export async function resolveDatabase(config: Config): Promise<{ url: string; stop: () => Promise<void>; embedded: boolean }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {}, embedded: false };
  const db = await startEmbeddedPostgres({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT });
  return { ...db, embedded: true };
}
