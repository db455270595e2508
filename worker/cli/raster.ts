// `npm run raster -- <command> …`: stack / merge / cog / info for GeoTIFFs (see USAGE).
import { parseArgs } from "node:util";
import {
  RasterError,
  convertLargeToCog,
  convertToCog,
  formatInfo,
  mergeToCog,
  rasterInfo,
  stackToCog,
  type CogOptions,
  type CogResult,
} from "../lib/raster/index.ts";

const USAGE = `usage: npm run raster -- <command> [options]

  stack OUT.tif IN1.tif IN2.tif …   stack single-band rasters on one grid into a multi-band COG
        [--descriptions a,b,…]      band descriptions (default: 1in<N> from FATHOM names, else file names)
  merge OUT.tif IN.tif …            mosaic adjacent tiles into one COG over their union
        [--nodata V]                nodata for uncovered pixels (default: the inputs')
  cog   OUT.tif IN.tif              convert any GeoTIFF to a COG
        [--windowed]                stream row by row with bounded memory (large rasters)
  info  FILE.tif [--json] [--no-stats]

common COG options: --tile-size 512  --resampling average|nearest  --compression deflate|none`;

const options = {
  "tile-size": { type: "string" },
  resampling: { type: "string" },
  compression: { type: "string" },
  descriptions: { type: "string" },
  nodata: { type: "string" },
  windowed: { type: "boolean" },
  json: { type: "boolean" },
  "no-stats": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>["values"];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new RasterError(`--${flag} must be one of ${allowed.join(", ")}`);
  return value as T;
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^nan$/i.test(value)) return NaN;
  const n = Number(value);
  if (value.trim() === "" || Number.isNaN(n)) throw new RasterError(`--${flag} must be a number, got "${value}"`);
  return n;
}

function cogOptions(v: Values): CogOptions {
  return {
    tileSize: number("tile-size", v["tile-size"]),
    resampling: oneOf("resampling", v.resampling, ["average", "nearest"] as const),
    compression: oneOf("compression", v.compression, ["deflate", "none"] as const),
  };
}

function needArgs(args: string[], min: number, shape: string): void {
  if (args.length < min) throw new RasterError(`expected ${shape}\n\n${USAGE}`);
}

const summary = (r: CogResult): string =>
  `wrote ${r.path}: ${r.width}×${r.height}×${r.bands} ${r.dtype}, ${r.tileSize}px tiles, ` +
  `overviews ${r.overviews.map((o) => o.join("×")).join(", ") || "none"}, ${r.bytes} bytes${r.bigTiff ? " (BigTIFF)" : ""}`;

async function run(argv: string[]): Promise<void> {
  const { values: v, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const [command, ...args] = positionals;
  if (v.help || !command) {
    console.log(USAGE);
    if (!command && !v.help) process.exitCode = 1;
    return;
  }
  switch (command) {
    case "stack": {
      needArgs(args, 2, "stack OUT.tif IN1.tif [IN2.tif …]");
      const descriptions = v.descriptions?.split(",");
      console.log(summary(await stackToCog(args.slice(1), args[0], { ...cogOptions(v), descriptions })));
      return;
    }
    case "merge":
      needArgs(args, 2, "merge OUT.tif IN1.tif [IN2.tif …]");
      console.log(summary(await mergeToCog(args.slice(1), args[0], { ...cogOptions(v), nodata: number("nodata", v.nodata) })));
      return;
    case "cog": {
      needArgs(args, 2, "cog OUT.tif IN.tif");
      if (args.length > 2) throw new RasterError("cog takes exactly one input; use stack or merge for several");
      const convert = v.windowed ? convertLargeToCog : convertToCog;
      console.log(summary(await convert(args[1], args[0], cogOptions(v))));
      return;
    }
    case "info": {
      needArgs(args, 1, "info FILE.tif");
      const info = await rasterInfo(args[0], { stats: !v["no-stats"] });
      console.log(v.json ? JSON.stringify(info, (_k, x) => (Number.isNaN(x) ? "nan" : x), 2) : formatInfo(info));
      return;
    }
    default:
      throw new RasterError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  // Bad input and file-system failures get a one-line message; anything else is a bug, so keep the stack.
  const e = err as { code?: string; syscall?: string };
  const known = err instanceof RasterError || e.syscall !== undefined || e.code?.startsWith("ERR_PARSE_ARGS");
  console.error(`error: ${known ? (err as Error).message : ((err as Error).stack ?? String(err))}`);
  process.exitCode = 1;
});
