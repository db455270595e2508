/**
 * wgrib2-style `.idx` inventories, as published next to every NOMADS GRIB2 file:
 *   `71:37248515:d=2023120100:TMP:2 m above ground:anl:`
 *   (message number, byte offset, reference time, variable, level, forecast, [extra fields])
 * Message i spans [offset_i, offset_{i+1} - 1]; the last one runs to the end of the file. Sub-messages
 * (`5.1`, `5.2`) share an offset and therefore a byte range.
 */

export interface IdxEntry {
  /** `71`, or `5.2` for a sub-message. */
  num: string;
  offset: number;
  /** Inclusive; null = to the end of the file (last message, file size unknown). */
  end: number | null;
  /** Reference time as written after `d=`, e.g. `2023120100`. */
  date: string;
  variable: string;
  level: string;
  forecast: string;
  /** `VAR:LEVEL:FORECAST[:extra…]`, the string selection patterns are matched against. */
  key: string;
}

/** Inclusive byte range; `end: null` = open-ended (`Range: bytes=start-`). */
export interface ByteRange {
  start: number;
  end: number | null;
}

export class IdxParseError extends Error {
  override name = "IdxParseError";
}

/** Parses an inventory. `fileSize`, when known, closes the last message's range. */
export function parseIdx(text: string, fileSize?: number): IdxEntry[] {
  const entries: IdxEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const f = line.split(":");
    const bad = (why: string) => new IdxParseError(`.idx line ${i + 1} ${why}: ${JSON.stringify(line.slice(0, 120))}`);
    if (f.length < 6 || !/^\d+(\.\d+)?$/.test(f[0]) || !/^\d+$/.test(f[1]) || !f[2].startsWith("d="))
      throw bad("is not `num:offset:d=date:VAR:LEVEL:FORECAST:`");
    const offset = Number(f[1]);
    const prev = entries.at(-1);
    if (prev && offset < prev.offset) throw bad(`goes backwards (offset ${offset} < ${prev.offset})`);
    if (fileSize !== undefined && offset >= fileSize) throw bad(`points past the end of the ${fileSize}-byte file`);
    const rest = f.slice(3);
    if (rest.at(-1) === "") rest.pop(); // lines end with ':'
    entries.push({
      num: f[0],
      offset,
      end: null,
      date: f[2].slice(2),
      variable: f[3],
      level: f[4],
      forecast: f[5],
      key: rest.join(":"),
    });
  }
  // Each entry ends where the next larger offset starts (equal offsets = sub-messages of one message).
  let nextStart = fileSize ?? null;
  for (let i = entries.length - 1; i >= 0; i--) {
    entries[i].end = nextStart === null ? null : nextStart - 1;
    if (i > 0 && entries[i - 1].offset < entries[i].offset) nextStart = entries[i].offset;
  }
  return entries;
}

/**
 * Compiles a selection pattern: a regex matched from the start of an entry's `VAR:LEVEL:FORECAST` key, so
 * `TMP:2 m above ground:` does not also pick `DPT:…` or `TMP:2 m above ground` lookalikes mid-string.
 */
export function compilePattern(pattern: string | RegExp): RegExp {
  const source = typeof pattern === "string" ? pattern : pattern.source;
  return new RegExp(`^(?:${source})`, typeof pattern === "string" ? "" : pattern.flags.replace(/[gy]/g, ""));
}

/** Entries matching any pattern, in file order. */
export function selectEntries(entries: IdxEntry[], patterns: Array<string | RegExp>): IdxEntry[] {
  const res = patterns.map(compilePattern);
  return entries.filter((e) => res.some((re) => re.test(e.key)));
}

/** Sorts ranges and merges those that touch or overlap, so contiguous messages cost one request. */
export function mergeRanges(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: ByteRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && (last.end === null || r.start <= last.end + 1)) {
      last.end = last.end === null || r.end === null ? null : Math.max(last.end, r.end);
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

export function entryRange(e: IdxEntry): ByteRange {
  return { start: e.offset, end: e.end };
}
