// `npm run bench [-- <name>…] [--quick]`: runs the named benchmarks (none = the default four), writes
// bench/results/<name>.json (--quick: <name>.quick.json) and regenerates the table in bench/README.md.
// On-request benches (etl-stats) run only when named; their latest results are shown all the same.
import type { BenchResult } from "./lib.ts";

// Before any app module loads: the app's logger reads LOG_LEVEL once (migrations log at info).
process.env.LOG_LEVEL ??= "warn";
const { dropStaleDatabases, hookSignals, log, readResult, runCleanups, updateReadme, writeResult } = await import("./lib.ts");
const queue = await import("./queue.ts");
const fanout = await import("./fanout.ts");
const http = await import("./http.ts");
const stats = await import("./stats.ts");

interface Bench {
  name: string;
  run(opts: { quick: boolean }): Promise<BenchResult<any, any>>;
  markdown(r: BenchResult<any, any>): string;
}

const BENCHES: Bench[] = [queue, fanout, http, stats];
/** Run only when named (slow or specialised); loaded lazily so a broken import cannot stop the rest. */
const ON_REQUEST: Record<string, () => Promise<Bench>> = {
  "etl-stats": () => import("./etl-stats.ts") as Promise<Bench>,
};
const ALL_NAMES = [...BENCHES.map((b) => b.name), ...Object.keys(ON_REQUEST)];

async function load(name: string): Promise<Bench> {
  return BENCHES.find((b) => b.name === name) ?? (await ON_REQUEST[name]!());
}

function usage(): never {
  console.error(`usage: npm run bench [-- [${ALL_NAMES.join("|")}]… [--quick]] [--readme]`);
  process.exit(2);
}

/** The README shows the latest full result of each bench (a --quick one only if nothing else exists). */
export async function renderReadme() {
  const parts: string[] = [];
  for (const name of ALL_NAMES) {
    const r = readResult(name);
    if (!r && ON_REQUEST[name]) continue;
    let b: Bench;
    try {
      b = await load(name);
    } catch (e) {
      parts.push(`### ${name}\n\n_bench/${name}.ts could not be loaded: ${String(e).slice(0, 200)}_`);
      continue;
    }
    if (!r) {
      parts.push(`### ${b.name}\n\n_no results yet: \`npm run bench -- ${b.name}\`_`);
      continue;
    }
    try {
      parts.push(b.markdown(r));
    } catch (e) {
      parts.push(`### ${b.name}\n\n_results/${b.name}.json is in an older format (${String(e)}): re-run \`npm run bench -- ${b.name}\`_`);
    }
  }
  updateReadme(parts.join("\n\n"));
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const readmeOnly = args.includes("--readme");
  const names = args.filter((a) => !a.startsWith("--"));
  for (const a of args) if (a.startsWith("--") && a !== "--quick" && a !== "--readme") usage();
  for (const n of names) if (!ALL_NAMES.includes(n)) usage();
  if (readmeOnly) {
    await renderReadme();
    return;
  }
  hookSignals();
  await dropStaleDatabases();
  const selected = names.length ? await Promise.all(ALL_NAMES.filter((n) => names.includes(n)).map(load)) : BENCHES;
  const t0 = Date.now();
  let failed = false;
  for (const b of selected) {
    log(`=== ${b.name}${quick ? " (--quick)" : ""}`);
    const started = Date.now();
    try {
      const result = await b.run({ quick });
      const path = writeResult(result);
      log(`=== ${b.name} done in ${Math.round((Date.now() - started) / 1000)} s → ${path}`);
      console.log(b.markdown(result) + "\n");
    } catch (e) {
      failed = true;
      log(`=== ${b.name} FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      await runCleanups();
    }
  }
  await renderReadme();
  log(`all done in ${Math.round((Date.now() - t0) / 1000)} s; bench/README.md updated`);
  process.exit(failed ? 1 : 0);
}

main().catch(async (e) => {
  log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  await runCleanups();
  process.exit(1);
});
