/**
 * NOMADS-compatible source: discovers runs and forecast hours from the Apache directory listings and
 * downloads only the wanted GRIB2 messages using the `.idx` inventory and HTTP Range requests.
 */
import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import {
  MODELS,
  ModelKeySchema,
  RunIdSchema,
  WeatherTargetSchema,
  getVariable,
  gribUrl,
  idxUrl,
  nomadsBaseUrl,
  parseRunId,
  runDirUrl,
  runId,
  runListingUrl,
  type ModelKey,
} from "../../../src/domain/weather/models.ts";
import { commitTemp, discardOrphanTemps, discardTemp, md5File, tempPathFor } from "../storage.ts";
import { DEFAULT_HTTP_POLICY, TransientError, UpstreamError, UpstreamNotFoundError, fetchToFile, getText, withRetries, type HttpPolicy } from "./http.ts";
import { compilePattern, entryRange, mergeRanges, parseIdx, type ByteRange } from "./idx.ts";

export interface NomadsClientOptions {
  /** Defaults to `nomadsBaseUrl()` (env NOMADS_BASE_URL, else NOAA). */
  baseUrl?: string;
  http?: Partial<HttpPolicy>;
}

export interface AvailableHour {
  hour: number;
  /** NOMADS publishes the .idx after the GRIB is complete, so a GRIB without one may still be growing. */
  hasIdx: boolean;
}

export interface DownloadResult {
  bytes: number;
  md5: string;
  /** Byte ranges fetched, in file order (for a whole-file download: one range covering the file). */
  ranges: Array<ByteRange & { end: number }>;
  usedIdx: boolean;
  url: string;
  /** The .idx entry (`VAR:LEVEL:FORECAST`) chosen for each variable; empty for whole-file downloads. */
  messages: Array<{ variable: string; key: string }>;
}

/** A requested variable has no message in the file's inventory. */
export class VariableNotInInventoryError extends Error {
  override name = "VariableNotInInventoryError";
}

/** Link targets of an Apache/nginx listing, minus sort links, parent and absolute links. */
export function parseListing(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/href\s*=\s*"([^"]*)"/gi)) {
    const href = m[1];
    if (!href || href.startsWith("?") || href.startsWith("/") || href.startsWith("..") || href.includes("://")) continue;
    try {
      out.add(decodeURIComponent(href.split("?")[0]));
    } catch {
      // malformed %-escape: not a name we could have generated a URL for anyway
    }
  }
  return [...out];
}

export class NomadsClient {
  readonly baseUrl: string;
  private readonly policy: HttpPolicy;

  constructor(opts: NomadsClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? nomadsBaseUrl()).replace(/\/+$/, "");
    this.policy = { ...DEFAULT_HTTP_POLICY, ...opts.http };
  }

  /** Run ids (`YYYYMMDD_CC`) present upstream, oldest first. `days` limits the scan to the most recent days. */
  async listRuns(model: ModelKey, opts: { days?: number } = {}): Promise<string[]> {
    const cfg = MODELS[ModelKeySchema.parse(model)];
    const allDays = parseListing(await getText(runListingUrl(model, this.baseUrl), this.policy))
      .flatMap((href) => {
        const date = /(\d{8})\/$/.exec(href)?.[1];
        const ok = date && href === `${cfg.dayDir(date)}/` && RunIdSchema.safeParse(`${date}_00`).success;
        return ok ? [date] : [];
      })
      .sort();
    const days = opts.days ? allDays.slice(-opts.days) : allDays;
    const runs: string[] = [];
    for (const date of days) {
      let hrefs: string[];
      try {
        hrefs = parseListing(await getText(runDirUrl(model, date, undefined, this.baseUrl), this.policy));
      } catch (err) {
        if (err instanceof UpstreamNotFoundError) continue; // day purged between the two listings
        throw err;
      }
      const cycles = new Set<number>();
      for (const href of hrefs) {
        const m = cfg.cycleListing.from === "files" ? cfg.filePattern.exec(href) : /^(\d{2})\/$/.exec(href);
        if (m && cfg.cycles.includes(Number(m[1]))) cycles.add(Number(m[1]));
      }
      for (const c of [...cycles].sort((a, b) => a - b)) runs.push(runId(date, c));
    }
    return runs;
  }

  /** Forecast hours whose GRIB file is listed in the run's directory, ascending. */
  async availableHours(model: ModelKey, run: string): Promise<AvailableHour[]> {
    const cfg = MODELS[ModelKeySchema.parse(model)];
    const { date, cycle } = parseRunId(run);
    const hrefs = new Set(parseListing(await getText(runDirUrl(model, date, cycle, this.baseUrl), this.policy)));
    const valid = new Set(cfg.validHours(cycle));
    const hours: AvailableHour[] = [];
    for (const href of hrefs) {
      const m = cfg.filePattern.exec(href);
      if (!m || Number(m[1]) !== cycle || !valid.has(Number(m[2]))) continue;
      hours.push({ hour: Number(m[2]), hasIdx: hrefs.has(`${href}.idx`) });
    }
    return hours.sort((a, b) => a.hour - b.hour);
  }

  /**
   * Downloads the messages of `variables` (ids from models.ts) for one forecast hour into `destPath`, via
   * Range requests from the .idx (one request per merged range, written in file order), or the whole file
   * when the .idx is missing. Written to a temp file in the destination directory and renamed on success;
   * on any failure nothing is left behind and an existing `destPath` is untouched.
   */
  async downloadGrib(
    model: ModelKey,
    run: string,
    hour: number,
    variables: string[],
    destPath: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<DownloadResult> {
    WeatherTargetSchema.parse({ model, run, hour, variables });
    const policy = { ...this.policy, signal: opts.signal ?? this.policy.signal };
    const url = gribUrl(model, run, hour, this.baseUrl);
    const plan = await this.planRanges(model, run, hour, variables, policy);

    await mkdir(path.dirname(destPath), { recursive: true });
    // A worker killed mid-download (kill -9, OOM) left its partial temp here and the job came back to us:
    // remove it now rather than leave a second copy of the file on disk until the hourly sweep.
    await discardOrphanTemps(destPath);
    const tmp = tempPathFor(destPath);
    try {
      const fh = await open(tmp, "wx+", 0o644); // read back for the framing check
      const ranges: DownloadResult["ranges"] = [];
      let position = 0;
      try {
        for (const want of plan?.ranges ?? [null]) {
          const got = await withRetries(url, policy, async () => {
            await fh.truncate(position); // drop what a failed attempt left
            const res = await fetchToFile(url, want, policy, fh, position);
            await checkGribFraming(fh, position, res.bytes);
            return res;
          });
          ranges.push(got.range);
          position += got.bytes;
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
      const md5 = await md5File(tmp);
      await commitTemp(tmp, destPath);
      return { bytes: position, md5, ranges, usedIdx: plan !== null, url, messages: plan?.messages ?? [] };
    } catch (err) {
      await discardTemp(tmp);
      throw err;
    }
  }

  /** Ranges to fetch per the .idx, or null when there is no .idx (whole-file fallback). */
  private async planRanges(model: ModelKey, run: string, hour: number, variables: string[], policy: HttpPolicy) {
    let text: string;
    try {
      text = await getText(idxUrl(model, run, hour, this.baseUrl), policy);
    } catch (err) {
      if (err instanceof UpstreamNotFoundError) return null;
      throw err;
    }
    const entries = parseIdx(text);
    const messages: DownloadResult["messages"] = [];
    const ranges: ByteRange[] = [];
    for (const id of variables) {
      const re = compilePattern(getVariable(model, id).pattern);
      // First match only: each variable is one message, and some hours carry lookalikes further down.
      const entry = entries.find((e) => re.test(e.key));
      if (!entry)
        throw new VariableNotInInventoryError(`${model} ${run} f${hour}: no .idx entry matches ${id} (/${re.source}/) in ${idxUrl(model, run, hour, this.baseUrl)}`);
      messages.push({ variable: id, key: entry.key });
      ranges.push(entryRange(entry));
    }
    return { ranges: mergeRanges(ranges), messages };
  }
}

/** Every downloaded chunk is one or more whole GRIB messages: it must start with `GRIB` and end with `7777`. */
async function checkGribFraming(fh: FileHandle, position: number, bytes: number): Promise<void> {
  const head = Buffer.alloc(4);
  const tail = Buffer.alloc(4);
  if (bytes >= 8) {
    await fh.read(head, 0, 4, position);
    await fh.read(tail, 0, 4, position + bytes - 4);
  }
  if (head.toString("latin1") !== "GRIB") throw new TransientError(`corrupt GRIB data (${bytes} bytes, no 'GRIB' at start)`);
  if (tail.toString("latin1") !== "7777") throw new TransientError(`corrupt GRIB data (${bytes} bytes, no '7777' at end)`);
}

export { UpstreamError, UpstreamNotFoundError };
