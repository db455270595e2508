// npm run grib -- inspect FILE [--json] [--headers]
// Lists every field of a GRIB2 file (like `wgrib2 -s`, plus grid, packing and value statistics).
// Exit codes: 0 all fields read; 1 unreadable file, nothing GRIB2 in it, or bad usage;
// 2 partial results (some messages or fields could not be read; their errors are listed).
import { readFileSync } from "node:fs";
import { scanMessages, summarize, type Grib2Field } from "../lib/grib2/index.ts";

const USAGE = "usage: npm run grib -- inspect FILE [--json] [--headers]\n  --json     print a JSON array\n  --headers  skip decoding values (no min/max/mean/missing)";

interface Entry {
  message: number;
  field?: number;
  offset: number;
  [key: string]: unknown;
}

function fieldEntry(f: Grib2Field, decodeValues: boolean): Entry {
  const e: Entry = {
    message: f.messageIndex,
    field: f.fieldIndex,
    offset: f.offset,
    length: f.messageLength,
    discipline: f.discipline,
    category: f.category,
    number: f.number,
    shortName: f.shortName,
    name: f.name,
    units: f.units,
    level: f.level,
    referenceTime: f.referenceTime.toISOString(),
    forecastHour: f.forecastHour,
    validTime: f.validTime?.toISOString() ?? null,
    statistics: f.statistics,
    productTemplate: f.productTemplate,
    grid: f.grid,
    packing: f.packing,
    hasBitmap: f.hasBitmap,
    bitmapIndicator: f.bitmapIndicator,
  };
  if (decodeValues) {
    try {
      const s = summarize(f.decode());
      Object.assign(e, { min: s.min, max: s.max, mean: s.mean, missing: s.missing });
    } catch (err) {
      e.error = describeError(err);
    }
  }
  return e;
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? String(Number(v.toPrecision(7))) : "NaN");

function textLine(e: Entry): string {
  if (e.field === undefined) return `${e.message} @${e.offset} | ERROR ${e.error}`;
  const level = (e.level as Grib2Field["level"])?.description ?? "?";
  const grid = e.grid as Grib2Field["grid"];
  const packing = e.packing as Grib2Field["packing"];
  const stats = e.statistics as Grib2Field["statistics"];
  const time = stats ? stats.description : `${num(e.forecastHour)} hour fcst`;
  const parts = [
    `${e.message}.${e.field} @${e.offset}`,
    `${e.shortName} (${e.discipline}.${e.category}.${e.number})`,
    level,
    `ref=${e.referenceTime}`,
    time,
    `grid=3.${grid.template} ${grid.ni}x${grid.nj} scan=0x${grid.scanningMode.toString(16).padStart(2, "0")}`,
    `pack=5.${packing.template} bits=${packing.bitsPerValue}${e.hasBitmap ? " bitmap" : ""}`,
  ];
  if (e.error) parts.push(`ERROR ${e.error}`);
  else if ("min" in e) parts.push(`min=${num(e.min)} max=${num(e.max)} mean=${num(e.mean)} missing=${e.missing}`);
  return parts.join(" | ");
}

function inspect(file: string, json: boolean, decodeValues: boolean): number {
  let buf: Uint8Array;
  try {
    buf = readFileSync(file);
  } catch (err) {
    process.stderr.write(`grib: cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const entries: Entry[] = [];
  let okMessages = 0;
  let failures = 0;
  for (const r of scanMessages(buf)) {
    if (!r.ok) {
      failures++;
      entries.push({ message: r.index, offset: r.offset, error: describeError(r.error) });
      if (!json) process.stdout.write(textLine(entries[entries.length - 1]) + "\n");
      continue;
    }
    okMessages++;
    for (const f of r.message.fields) {
      const e = fieldEntry(f, decodeValues);
      if (e.error) failures++;
      entries.push(e);
      if (!json) process.stdout.write(textLine(e) + "\n");
    }
  }
  if (json) process.stdout.write(JSON.stringify(entries, null, 2) + "\n");
  if (okMessages === 0) {
    process.stderr.write(`grib: ${file} is not a readable GRIB2 file: ${entries[0]?.error ?? "no messages"}\n`);
    return 1;
  }
  return failures > 0 ? 2 : 0;
}

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const args = argv.filter((a) => !a.startsWith("--"));
  const unknown = [...flags].filter((f) => f !== "--json" && f !== "--headers");
  if (args[0] !== "inspect" || args.length !== 2 || unknown.length > 0) {
    process.stderr.write(USAGE + "\n");
    return 1;
  }
  return inspect(args[1], flags.has("--json"), !flags.has("--headers"));
}

// `… | head` closes stdout early; stop quietly like other command-line tools.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(0);
});
process.exitCode = main(process.argv.slice(2));
