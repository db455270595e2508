// What every page test starts with: a fresh database, the real server with its Next.js pages (built
// once per run), and headless Chromium; `stop()` tears all three down.
import type { Browser } from "playwright-core";
import { ensureNextBuild } from "../../src/server/next.ts";
import { launchBrowser } from "./browser.ts";
import { createTestDatabase, type TestDb } from "./db.ts";
import { startServer, type ServerProc } from "./processes.ts";

export interface UiStack {
  t: TestDb;
  server: ServerProc;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startUiStack(env: Record<string, string> = {}): Promise<UiStack> {
  ensureNextBuild();
  const t = await createTestDatabase();
  let server: ServerProc | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await server?.stop();
    await t.drop();
  };
  try {
    server = await startServer(t.url, { PIPEWATCH_NO_UI: "0", ...env });
    browser = await launchBrowser();
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
  return { t, server, browser, stop };
}
