// Next.js inside our HTTP server. In production the app must be built: we build it when the build
// is missing or older than the sources, so `npm install && npm start` works on a fresh checkout.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { logger } from "../logger.ts";

const log = logger("next");
export const ROOT = resolve(import.meta.dirname, "../..");
// Pages also import the registry and formatting helpers from src/domain.
const SOURCES = ["src/app", "src/ui", "src/domain", "graphql", "src/generated/graphql", "public", "next.config.mjs", "postcss.config.mjs"];

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

const LOCK = join(ROOT, ".next-build.lock");

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock whose owner died (or that is older than any build) no longer counts. */
function lockIsStale(): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(LOCK).mtimeMs;
  } catch {
    return false; // just released: try to take it again
  }
  if (age > 15 * 60_000) return true;
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK, "pid"), "utf8"));
  } catch {
    return age > 10_000; // its owner is between mkdir and writing its pid
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Runs `fn` holding a cross-process lock (an atomic mkdir): test files and servers that start at
 * once must not run two `next build`s into the same .next directory.
 */
function withBuildLock(fn: () => void) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
      else sleepSync(500);
    }
  }
  try {
    writeFileSync(join(LOCK, "pid"), String(process.pid));
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureNextBuild() {
  if (!buildIsStale()) return;
  withBuildLock(() => {
    if (!buildIsStale()) return; // another process built it while we waited
    log.info("building the web UI (next build) — first start or sources changed; this takes a minute");
    const res = spawnSync(process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (res.status !== 0) throw new Error("next build failed (see output above)");
  });
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
