// Next.js inside our HTTP server. In production the app must be built: we build it when the build
// is missing or older than the sources, so `npm install && npm start` works on a fresh checkout.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { logger } from "../logger.ts";

const log = logger("next");
export const ROOT = resolve(import.meta.dirname, "../..");
const SOURCES = ["src/app", "src/ui", "graphql", "src/generated/graphql", "public", "next.config.mjs", "postcss.config.mjs"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

export function buildIsStale(): boolean {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > built);
}

export function ensureNextBuild() {
  if (!buildIsStale()) return;
  log.info("building the web UI (next build) — first start or sources changed; this takes a minute");
  const res = spawnSync(process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) throw new Error("next build failed (see output above)");
}

export async function startNext(dev: boolean) {
  if (!dev) ensureNextBuild();
  const { default: next } = await import("next");
  const app = next({ dev, dir: ROOT, quiet: !dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  return {
    handle: (req: any, res: any) => handle(req, res),
    upgrade: app.getUpgradeHandler(),
    close: () => app.close?.(),
  };
}
