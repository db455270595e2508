// Summarises a V8 .cpuprofile (node --cpu-prof): where a process's CPU time went, by package /
// source file (self time) and by our own functions (inclusive time of their synchronous parts).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { ROOT } from "./lib.ts";

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled time (ms), idle excluded. */
  busyMs: number;
  idleMs: number;
  /** Self time by bucket (npm package, our source file, node internals, GC), share of busy time. */
  byBucket: { bucket: string; ms: number; pct: number }[];
  /** Inclusive time of functions in our own code (src/, worker/), share of busy time. */
  ownInclusive: { fn: string; ms: number; pct: number }[];
  /** Hottest functions by self time. */
  topSelf: { fn: string; ms: number; pct: number }[];
}

function bucketOf(url: string, fn: string): string {
  if (!url) {
    if (fn === "(garbage collector)") return "V8 garbage collector";
    if (fn === "(program)") return "V8/native (program)";
    if (fn === "(idle)") return "(idle)";
    return `native ${fn || "(anonymous)"}`;
  }
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node internals";
  const path = url.startsWith("file://") ? url.slice(7) : url;
  if (path.startsWith(ROOT)) return relative(ROOT, path);
  return path;
}

function label(n: CpuNode) {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${bucketOf(url, functionName)}:${lineNumber + 1}` : "";
  return `${functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
}

/** Summarises a .cpuprofile file (path) or an inspector Profiler.stop() result (object). */
export function summarizeProfile(source: string | unknown, top = 15): ProfileSummary {
  const p = (typeof source === "string" ? JSON.parse(readFileSync(source, "utf8")) : source) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  let idle = 0;
  let busy = 0;
  const buckets = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const ownIncl = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const b = bucketOf(n.callFrame.url, n.callFrame.functionName);
    if (b === "(idle)") {
      idle += ms;
      continue;
    }
    busy += ms;
    buckets.set(b, (buckets.get(b) ?? 0) + ms);
    const l = label(n);
    selfFn.set(l, (selfFn.get(l) ?? 0) + ms);
    // Inclusive time of our own functions on this stack (each counted once per stack).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!;
      const url = f.callFrame.url;
      if (url.includes("/node_modules/") || !(url.includes("/src/") || url.includes("/worker/"))) continue;
      const fl = label(f);
      if (seen.has(fl)) continue;
      seen.add(fl);
      ownIncl.set(fl, (ownIncl.get(fl) ?? 0) + ms);
    }
  }
  const rows = <K extends string>(m: Map<string, number>, key: K, limit: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, ms]) => ({ [key]: k, ms: Math.round(ms), pct: Math.round((1000 * ms) / busy) / 10 }) as { [P in K]: string } & { ms: number; pct: number });
  return {
    busyMs: Math.round(busy),
    idleMs: Math.round(idle),
    byBucket: rows(buckets, "bucket", top),
    ownInclusive: rows(ownIncl, "fn", top),
    topSelf: rows(selfFn, "fn", top),
  };
}

// `node --import tsx bench/profile.ts FILE.cpuprofile` prints a summary.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(summarizeProfile(process.argv[2]!, 25), null, 1));
}
