/**
 * A local stand-in for NOMADS (node:http on an ephemeral port) for tests of the weather pipeline.
 *
 * Files are addressed by their path relative to the base URL, exactly as on NOMADS, e.g.
 *   hrrr/prod/hrrr.20230125/conus/hrrr.t12z.wrfsfcf00.grib2   (+ `.idx`)
 *   gfs/prod/gfs.20230125/12/atmos/gfs.t12z.pgrb2.0p25.f000  (+ `.idx`)
 * They come from an in-memory map (`files`, `setFile`) and/or a directory tree (`root`); the map wins.
 * Directories are implied by file paths and served as Apache-style HTML listings; `dir` without the
 * trailing slash redirects to `dir/` like Apache does. Files support single `Range` requests (206 +
 * Content-Range, 416 when unsatisfiable). The base URL carries NOMADS's `/pub/data/nccf/com` prefix so
 * code cannot get away with assuming files live at the server root.
 *
 *   const nomads = await startFakeNomads({ files: { "hrrr/prod/…/x.grib2": bytes } });
 *   process.env.NOMADS_BASE_URL = nomads.baseUrl;   // or new NomadsClient({ baseUrl: nomads.baseUrl })
 *   nomads.setFault("x.grib2", { type: "status", status: 500, times: 2 });
 *   nomads.requests.filter((r) => r.path.endsWith("x.grib2")).length;
 *   await nomads.close();
 */
import { readdir, readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** `times`: how many matching requests it hits (default: all); `skip`: let this many through first. */
interface FaultCount {
  times?: number;
  skip?: number;
}

export type Fault = FaultCount &
  (
    | /** Answer with this status (e.g. 404, 500, 503) instead of the content. */
    { type: "status"; status: number }
    /** Wait before answering at all (trips client timeouts). */
    | { type: "delay"; ms: number }
    /** Declare the full Content-Length, send only `bytes` (default: half) of the body, then drop the connection. */
    | { type: "truncate"; bytes?: number }
    /** Send headers and the first `bytes` (default: half) of the body, wait `ms`, then send the rest. */
    | { type: "stall"; bytes?: number; ms: number }
    /** Serve the body with its first and last byte flipped (breaks `GRIB`…`7777` framing). */
    | { type: "corrupt" }
    /** Drop the connection without any response. */
    | { type: "reset" }
  );

export interface RequestLogEntry {
  method: string;
  /** Path relative to the base URL (what `files` keys and fault patterns see). */
  path: string;
  range: string | null;
  /** Status sent; 0 when the connection was reset without a response. */
  status: number;
  fault: Fault["type"] | null;
}

export interface FakeNomads {
  /** e.g. `http://127.0.0.1:40123/pub/data/nccf/com` — the value for NOMADS_BASE_URL. */
  baseUrl: string;
  requests: RequestLogEntry[];
  /**
   * Applies `fault` to requests whose path matches: a RegExp is tested against the relative path; a string
   * matches the whole path or its trailing segments (`"x.grib2"` matches `a/b/x.grib2`, not `x.grib2.idx`).
   * The earliest-set fault that matches and is not used up applies.
   */
  setFault(pattern: string | RegExp, fault: Fault): void;
  clearFaults(): void;
  setFile(relPath: string, content: Uint8Array | string): void;
  deleteFile(relPath: string): void;
  close(): Promise<void>;
}

const PREFIX = "/pub/data/nccf/com/";
const MTIME = new Date("2023-01-25T13:00:00Z");

export async function startFakeNomads(opts: { root?: string; files?: Record<string, Uint8Array | string> } = {}): Promise<FakeNomads> {
  const files = new Map<string, Uint8Array>();
  const setFile = (p: string, c: Uint8Array | string) => files.set(p.replace(/^\/+/, ""), typeof c === "string" ? Buffer.from(c) : c);
  for (const [p, c] of Object.entries(opts.files ?? {})) setFile(p, c);
  const root = opts.root ? path.resolve(opts.root) : null;

  const faults: Array<{ pattern: string | RegExp; fault: Fault; skip: number; left: number }> = [];
  const requests: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  /** Resolves after `ms`; `close()` clears the timer, so a fault still waiting never answers. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  const matches = (pattern: string | RegExp, p: string) =>
    typeof pattern === "string" ? p === pattern || p.endsWith(`/${pattern.replace(/^\/+/, "")}`) : pattern.test(p);

  function takeFault(p: string): Fault | null {
    const f = faults.find((x) => x.left > 0 && matches(x.pattern, p));
    if (!f) return null;
    if (f.skip > 0) {
      f.skip--;
      return null;
    }
    f.left--;
    return f.fault;
  }

  async function readFileAt(rel: string): Promise<Uint8Array | null> {
    const mem = files.get(rel);
    if (mem) return mem;
    if (!root || rel === "" || rel.endsWith("/")) return null;
    const st = await stat(path.join(root, rel)).catch(() => null);
    return st?.isFile() ? readFile(path.join(root, rel)) : null;
  }

  /** Children of directory `dir` ("" or ending in "/"): names, with "/" for subdirectories; null if absent. */
  async function listDir(dir: string): Promise<Map<string, number> | null> {
    const children = new Map<string, number>(); // name → size (-1 for dirs)
    let exists = dir === "";
    for (const [p, bytes] of files) {
      if (!p.startsWith(dir)) continue;
      exists = true;
      const rest = p.slice(dir.length);
      const slash = rest.indexOf("/");
      if (slash < 0) children.set(rest, bytes.length);
      else children.set(rest.slice(0, slash + 1), -1);
    }
    if (root) {
      const ents = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => null);
      for (const e of ents ?? []) {
        exists = true;
        if (e.isDirectory()) children.set(`${e.name}/`, -1);
        else if (e.isFile() && !children.has(e.name)) children.set(e.name, (await stat(path.join(root, dir, e.name))).size);
      }
    }
    return exists ? children : null;
  }

  function listingHtml(dir: string, children: Map<string, number>): string {
    const title = `Index of ${PREFIX}${dir}`.replace(/\/$/, "");
    const when = MTIME.toISOString().replace("T", " ").slice(0, 16);
    const rows = [...children]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, size]) => {
        const href = encodeURIComponent(name.replace(/\/$/, "")) + (name.endsWith("/") ? "/" : "");
        return `<tr><td valign="top"><img src="/icons/${size < 0 ? "folder" : "unknown"}.gif" alt="[${size < 0 ? "DIR" : "   "}]"></td><td><a href="${href}">${name}</a></td><td align="right">${when}  </td><td align="right">${size < 0 ? "  - " : size}</td><td>&nbsp;</td></tr>`;
      });
    return [
      `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">`,
      `<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n<h1>${title}</h1>`,
      `  <table>`,
      `   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>`,
      `   <tr><th colspan="5"><hr></th></tr>`,
      `<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="${PREFIX}${dir.replace(/[^/]+\/$/, "")}">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>`,
      ...rows,
      `   <tr><th colspan="5"><hr></th></tr>\n</table>\n</body></html>\n`,
    ].join("\n");
  }

  /** `bytes=a-b`, `bytes=a-`, `bytes=-n` → [start, end]; "ignore" for what we don't support (multi-range). */
  function parseRange(header: string, size: number): [number, number] | "ignore" | "unsatisfiable" {
    const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
    if (!m || (m[1] === "" && m[2] === "")) return "ignore";
    if (m[1] === "") {
      const n = Number(m[2]);
      return n === 0 || size === 0 ? "unsatisfiable" : [Math.max(0, size - n), size - 1];
    }
    const start = Number(m[1]);
    const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    return start >= size || end < start ? "unsatisfiable" : [start, end];
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const log: RequestLogEntry = { method: req.method ?? "GET", path: urlPath, range: req.headers.range ?? null, status: 0, fault: null };
    requests.push(log);
    const send = (status: number, headers: http.OutgoingHttpHeaders, body?: Uint8Array | string) => {
      log.status = status;
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (!urlPath.startsWith(PREFIX) || urlPath.split("/").includes("..")) return send(404, { "content-type": "text/plain" }, "Not Found\n");
    const rel = urlPath.slice(PREFIX.length);
    log.path = rel;
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, { allow: "GET, HEAD" });

    const fault = takeFault(rel);
    log.fault = fault?.type ?? null;
    if (fault?.type === "delay") {
      await pause(fault.ms);
      if (res.destroyed || req.socket.destroyed) return;
    }
    if (fault?.type === "reset") return void req.socket.destroy();
    if (fault?.type === "status") return send(fault.status, { "content-type": "text/plain" }, `fake-nomads: injected HTTP ${fault.status}\n`);

    let body = await readFileAt(rel);
    if (!body) {
      const dir = rel === "" || rel.endsWith("/") ? rel : `${rel}/`;
      const children = await listDir(dir);
      if (!children) return send(404, { "content-type": "text/html" }, "<html><body><h1>Not Found</h1></body></html>\n");
      if (dir !== rel) return send(301, { location: `${PREFIX}${dir}` });
      return send(200, { "content-type": "text/html;charset=UTF-8" }, listingHtml(dir, children));
    }

    const headers: http.OutgoingHttpHeaders = {
      "content-type": rel.endsWith(".idx") ? "text/plain" : "application/octet-stream",
      "last-modified": MTIME.toUTCString(),
      "accept-ranges": "bytes",
    };
    let status = 200;
    const range = req.headers.range ? parseRange(req.headers.range, body.length) : "ignore";
    if (range === "unsatisfiable") return send(416, { "content-range": `bytes */${body.length}` });
    if (range !== "ignore") {
      status = 206;
      headers["content-range"] = `bytes ${range[0]}-${range[1]}/${body.length}`;
      body = body.subarray(range[0], range[1] + 1);
    }
    headers["content-length"] = body.length;
    if (fault?.type === "corrupt" && body.length > 0) {
      body = Uint8Array.from(body);
      body[0] ^= 0xff;
      body[body.length - 1] ^= 0xff;
    }
    if (fault?.type === "truncate" && req.method !== "HEAD") {
      log.status = status;
      res.writeHead(status, headers);
      res.write(body.subarray(0, fault.bytes ?? Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    if (fault?.type === "stall" && req.method !== "HEAD") {
      const head = fault.bytes ?? Math.floor(body.length / 2);
      log.status = status;
      res.writeHead(status, headers);
      res.write(body.subarray(0, head));
      await pause(fault.ms);
      if (res.destroyed || req.socket.destroyed) return; // the client gave up (or was killed) meanwhile
      res.end(body.subarray(head));
      return;
    }
    send(status, headers, body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`fake-nomads error: ${(err as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${PREFIX.replace(/\/$/, "")}`,
    requests,
    setFault: (pattern, fault) => void faults.push({ pattern, fault, skip: fault.skip ?? 0, left: fault.times ?? Infinity }),
    clearFaults: () => void faults.splice(0),
    setFile,
    deleteFile: (p) => void files.delete(p.replace(/^\/+/, "")),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
