/**
 * FATHOM flood-map names: the one place that knows the pattern.
 *
 * Container layout: `{region}/{layer id}/{tile}.tif`, e.g.
 *   `CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0/n04w006.tif`
 *
 * Layer id tokens, dash-separated, in this order ([…] = optional):
 *   Model-Resolution-Offset-[1in<RP>]-Type-[Defences]-Metric-[Year]-[dT<warming> | SSPx_y.z]-[PERCENTILE<p>]-Version
 *
 * Tiles are 1° cells named by their lower-left corner: `n04w006` → lat 4, lon −6; `s01e010` → lat −1, lon 10.
 * Leading path segments before `{region}` (a container prefix) are ignored.
 */

export const RETURN_PERIODS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;
export const FLOOD_TYPES = ["fluvial", "pluvial", "coastal"] as const;
export const DEFENSES = ["defended", "undefended"] as const;
export const YEARS = [2020, 2030, 2050, 2080] as const;
/** Side of the square grid cell (in 1° tiles) that phase-2 merges group tiles into. */
export const DEFAULT_GRID_SIZE = 4;

export type FloodType = (typeof FLOOD_TYPES)[number];
export type Defense = (typeof DEFENSES)[number];

export interface FathomLayer {
  model: string;
  resolution: string;
  offset: string;
  /** Years, e.g. 100 for `1in100`; null for layers without a return period. */
  return_period: number | null;
  flood_type: FloodType;
  defense: Defense | null;
  /** Lower-case, e.g. "depth". */
  metric: string;
  year: number | null;
  /** Shared socio-economic pathway as written, e.g. "SSP2_4.5". */
  ssp: string | null;
  /** Global warming level in °C for `dT…` layers, e.g. 1.5 for `dT1.5`. */
  warming_level: number | null;
  percentile: number | null;
  version: string;
  /** The layer id without its `1inN` token: equal for the return-period layers of one stack. */
  scenario: string;
}

export interface FathomMeta extends FathomLayer {
  region: string;
  /** The full layer id (directory name). */
  layer: string;
  /** Tile name without extension, lower-case, e.g. "n04w006". */
  tile: string;
  lat: number;
  lon: number;
  /** Id of the grid cell (see gridCellOf) holding the tile, for the chosen grid size. */
  grid_cell: string;
}

export type ParseResult<T> = { ok: true; meta: T } | { ok: false; error: string };

const EXAMPLE = "GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0";

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Parses a layer id such as `GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0`. */
export function parseLayerId(layer: string): ParseResult<FathomLayer> {
  const tokens = layer.split("-");
  let i = 0;
  const peek = () => tokens[i];
  const where = () => `token ${i + 1} of layer "${layer}"`;
  if (tokens.length < 6 || tokens.some((t) => t === "")) {
    return fail(`layer "${layer}" does not have the FATHOM shape Model-Resolution-Offset-[1inN]-Type-…-Version (e.g. ${EXAMPLE})`);
  }

  const model = tokens[i++];
  if (!/^[A-Z][A-Z0-9_]*$/.test(model)) return fail(`model "${model}" (${where()}) should be upper-case, e.g. GLOBAL`);
  const resolution = tokens[i++];
  if (!/^\d+(\.\d+)?(ARCSEC|ARCMIN|M|KM)$/.test(resolution)) {
    return fail(`resolution "${resolution}" should look like 1ARCSEC or 3ARCSEC`);
  }
  const offset = tokens[i++];
  if (!/^[A-Z]+_OFFSET$/.test(offset)) return fail(`offset "${offset}" should look like NW_OFFSET`);

  let return_period: number | null = null;
  const rp = /^1in(\d+)$/.exec(peek() ?? "");
  if (rp) {
    return_period = Number(rp[1]);
    if (!(RETURN_PERIODS as readonly number[]).includes(return_period)) {
      return fail(`return period "${peek()}" is not one of ${RETURN_PERIODS.map((r) => `1in${r}`).join(", ")}`);
    }
    i++;
  }

  const typeToken = peek() ?? "";
  const flood_type = typeToken.toLowerCase() as FloodType;
  if (typeToken !== typeToken.toUpperCase() || !FLOOD_TYPES.includes(flood_type)) {
    if (/^1in/i.test(typeToken)) return fail(`return period "${typeToken}" must be written 1in<N>, e.g. 1in100`);
    return fail(`flood type "${typeToken}" (${where()}) is not one of FLUVIAL, PLUVIAL, COASTAL`);
  }
  i++;

  let defense: Defense | null = null;
  if (peek() === "DEFENDED" || peek() === "UNDEFENDED") defense = tokens[i++].toLowerCase() as Defense;

  const metricToken = peek() ?? "";
  if (/^1in\d+$/.test(metricToken)) {
    return fail(`return period "${metricToken}" must come right after the offset, before the flood type`);
  }
  if (!/^[A-Z][A-Z_]*$/.test(metricToken)) {
    return fail(`metric "${metricToken}" (${where()}) should be an upper-case word such as DEPTH`);
  }
  const metric = metricToken.toLowerCase();
  i++;

  let year: number | null = null;
  if (/^\d{4}$/.test(peek() ?? "")) {
    year = Number(tokens[i++]);
    if (!(YEARS as readonly number[]).includes(year)) return fail(`year ${year} is not one of ${YEARS.join(", ")}`);
  }

  let ssp: string | null = null;
  let warming_level: number | null = null;
  const scen = peek() ?? "";
  if (/^SSP/i.test(scen)) {
    if (!/^SSP[1-5]_\d\.\d$/.test(scen)) return fail(`climate scenario "${scen}" should look like SSP2_4.5`);
    ssp = scen;
    i++;
  } else if (/^dT/i.test(scen)) {
    if (!/^dT\d+(\.\d+)?$/.test(scen)) return fail(`warming level "${scen}" should look like dT1.5`);
    warming_level = Number(scen.slice(2));
    i++;
  }

  let percentile: number | null = null;
  const pct = /^PERCENTILE(\d+)$/.exec(peek() ?? "");
  if (pct) {
    percentile = Number(pct[1]);
    if (percentile > 100) return fail(`percentile ${percentile} is above 100`);
    i++;
  }

  const version = peek() ?? "";
  if (!/^v\d+(\.\d+)*$/.test(version)) {
    if (i >= tokens.length) return fail(`layer "${layer}" is missing its version (e.g. v3.0) at the end`);
    return fail(`unexpected "${version}" (${where()}); expected ${nextExpectation(year, ssp ?? warming_level, percentile)}`);
  }
  i++;
  if (i < tokens.length) return fail(`unexpected "${tokens.slice(i).join("-")}" after the version "${version}"`);

  const scenario = tokens.filter((t) => !/^1in\d+$/.test(t)).join("-");
  return {
    ok: true,
    meta: { model, resolution, offset, return_period, flood_type, defense, metric, year, ssp, warming_level, percentile, version, scenario },
  };
}

/** What could legally have stood where an unexpected token was found. */
function nextExpectation(year: number | null, scenario: unknown, percentile: number | null): string {
  const options: string[] = [];
  if (year === null && scenario === null && percentile === null) options.push(`a year (${YEARS.join("/")})`);
  if (scenario === null && percentile === null) options.push("a scenario (SSP2_4.5 or dT1.5)");
  if (percentile === null) options.push("PERCENTILE<p>");
  options.push("the version (v3.0)");
  return options.join(", ");
}

export interface Tile {
  tile: string;
  lat: number;
  lon: number;
}

/** Parses `n04w006` (optionally with .tif/.tiff): the lower-left corner of a 1° tile. */
export function parseTileName(name: string): ParseResult<Tile> {
  const base = name.replace(/\.tiff?$/i, "");
  const m = /^([ns])(\d{2})([ew])(\d{3})$/i.exec(base);
  if (!m) return fail(`tile "${name}" should look like n04w006.tif (lower-left corner: n|s + 2-digit lat, e|w + 3-digit lon)`);
  const lat = Number(m[2]) * (m[1].toLowerCase() === "s" ? -1 : 1);
  const lon = Number(m[4]) * (m[3].toLowerCase() === "w" ? -1 : 1);
  if (lat < -90 || lat > 89) return fail(`tile "${name}": latitude ${lat} is outside −90…89`);
  if (lon < -180 || lon > 179) return fail(`tile "${name}": longitude ${lon} is outside −180…179`);
  return { ok: true, meta: { tile: base.toLowerCase(), lat: lat === 0 ? 0 : lat, lon: lon === 0 ? 0 : lon } };
}

/** Formats a lower-left corner the FATHOM way: (4, −6) → "n04w006". */
export function tileName(lat: number, lon: number): string {
  const ns = lat < 0 ? "s" : "n";
  const ew = lon < 0 ? "w" : "e";
  return `${ns}${String(Math.abs(lat)).padStart(2, "0")}${ew}${String(Math.abs(lon)).padStart(3, "0")}`;
}

/**
 * The n×n-degree grid cell holding the 1° tile whose lower-left corner is (lat, lon). Cells are
 * aligned to multiples of n from (0°, 0°), and named by their lower-left tile plus the size:
 * gridCellOf(4, −6, 4) → "n04w008_4x4" (covering lat 4…8, lon −8…−4).
 */
export function gridCellOf(lat: number, lon: number, n: number = DEFAULT_GRID_SIZE): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`grid size must be a positive integer, got ${n}`);
  const cellLat = Math.floor(lat / n) * n;
  const cellLon = Math.floor(lon / n) * n;
  return `${tileName(cellLat, cellLon)}_${n}x${n}`;
}

/**
 * Parses `{region}/{layer id}/{tile}.tif` relative to a container root.
 * `gridSize` picks the cell size used for `grid_cell` (default DEFAULT_GRID_SIZE = 4).
 */
export function parseFathomPath(relPath: string, gridSize: number = DEFAULT_GRID_SIZE): ParseResult<FathomMeta> {
  const parts = relPath.split("/").filter((p) => p !== "");
  if (parts.length < 3) {
    return fail(`path "${relPath}" should be {region}/{layer id}/{tile}.tif, e.g. CI/${EXAMPLE}/n04w006.tif`);
  }
  const [region, layer, file] = parts.slice(-3);
  // 2–3 letters, like the job registry's region filter (ISO 3166 alpha-2, or alpha-3).
  if (!/^[A-Z]{2,3}$/.test(region)) return fail(`region "${region}" should be an upper-case ISO country code such as CI`);
  if (!/\.tiff?$/i.test(file)) return fail(`file "${file}" should be a GeoTIFF (.tif)`);
  const tile = parseTileName(file);
  if (!tile.ok) return tile;
  const parsed = parseLayerId(layer);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    meta: { region, layer, ...parsed.meta, ...tile.meta, grid_cell: gridCellOf(tile.meta.lat, tile.meta.lon, gridSize) },
  };
}

/** Groups the return-period rasters of one phase-1 stack: `{region}/{scenario}/{tile}`. */
export function stackKey(meta: Pick<FathomMeta, "region" | "scenario" | "tile">): string {
  return `${meta.region}/${meta.scenario}/${meta.tile}`;
}

/** Band description used for a return period, e.g. "1in100". */
export const returnPeriodLabel = (rp: number): string => `1in${rp}`;
