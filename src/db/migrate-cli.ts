// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database (started
// for the occasion and stopped again) when DATABASE_URL is unset.
import { loadConfig } from "../config.ts";
import { resolveDatabase } from "../server/database.ts";
import { migrate } from "./migrate.ts";

const config = loadConfig();
const database = await resolveDatabase(config);
try {
  const applied = await migrate(database.url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} finally {
  await database.stop();
}
