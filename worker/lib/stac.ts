// STAC 1.0 Items for output COGs and the Collection that gathers them.
import { footprintWgs84 } from "./raster/crs.ts";
import type { DType, GeoTransform } from "./raster/types.ts";

export const STAC_VERSION = "1.0.0";
export const COG_MEDIA_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";
const PROJECTION_EXT = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
const RASTER_EXT = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";

type Bbox = [number, number, number, number];

export interface StacLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

export interface StacItem {
  type: "Feature";
  stac_version: string;
  stac_extensions: string[];
  id: string;
  collection: string;
  /** null (and no bbox) when the raster's CRS cannot be converted to EPSG:4326. */
  geometry: { type: "Polygon"; coordinates: Array<Array<[number, number]>> } | null;
  bbox?: Bbox;
  properties: Record<string, unknown> & { datetime: string };
  links: StacLink[];
  assets: Record<string, Record<string, unknown> & { href: string }>;
}

export interface StacCollection {
  type: "Collection";
  stac_version: string;
  stac_extensions: string[];
  id: string;
  title?: string;
  description: string;
  license: string;
  extent: { spatial: { bbox: Bbox[] }; temporal: { interval: Array<[string | null, string | null]> } };
  links: StacLink[];
}

/** The raster facts an Item needs; `CogResult` and `RasterInfo` both fit. */
export interface StacRaster {
  width: number;
  height: number;
  geotransform: GeoTransform | null;
  epsg: number | null;
  dtype?: DType;
  nodata?: number | null;
  descriptions?: string[];
}

export interface StacItemInput {
  id: string;
  collection: string;
  /** Where the COG will be served from (URL or path relative to the item). */
  href: string;
  raster: StacRaster;
  datetime: string | Date;
  /** Extra item properties (e.g. FATHOM flood_type, return periods). */
  properties?: Record<string, unknown>;
  title?: string;
  links?: StacLink[];
}

const iso = (d: string | Date): string => {
  const date = typeof d === "string" ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) throw new Error(`invalid STAC datetime: ${String(d)}`);
  return date.toISOString();
};

export function buildStacItem(input: StacItemInput): StacItem {
  const { raster } = input;
  const gt = raster.geotransform;
  const footprint = gt ? footprintWgs84(gt, raster.width, raster.height, raster.epsg) : null;
  const properties: StacItem["properties"] = { ...input.properties, datetime: iso(input.datetime) };
  properties["proj:epsg"] = raster.epsg;
  properties["proj:shape"] = [raster.height, raster.width];
  // STAC's proj:transform is the affine in rasterio order (a, b, c, d, e, f).
  if (gt) properties["proj:transform"] = [gt[1], gt[2], gt[0], gt[4], gt[5], gt[3]];
  const asset: StacItem["assets"][string] = { href: input.href, type: COG_MEDIA_TYPE, roles: ["data"] };
  if (input.title) asset.title = input.title;
  if (raster.dtype) {
    const bands = raster.descriptions?.length ?? 1;
    asset["raster:bands"] = Array.from({ length: bands }, (_, i) => ({
      data_type: raster.dtype,
      ...(raster.nodata != null ? { nodata: Number.isNaN(raster.nodata) ? "nan" : raster.nodata } : {}),
      ...(raster.descriptions?.[i] ? { description: raster.descriptions[i] } : {}),
    }));
  }
  return {
    type: "Feature",
    stac_version: STAC_VERSION,
    stac_extensions: raster.dtype ? [PROJECTION_EXT, RASTER_EXT] : [PROJECTION_EXT],
    id: input.id,
    collection: input.collection,
    geometry: footprint ? { type: "Polygon", coordinates: [footprint.ring] } : null,
    ...(footprint ? { bbox: footprint.bbox } : {}),
    properties,
    links: input.links ?? [],
    assets: { data: asset },
  };
}

const unionBbox = (boxes: Bbox[]): Bbox | null =>
  boxes.length === 0
    ? null
    : [
        Math.min(...boxes.map((b) => b[0])),
        Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])),
        Math.max(...boxes.map((b) => b[3])),
      ];

export interface CollectionInput {
  id: string;
  description: string;
  title?: string;
  license?: string;
  items: StacItem[];
  /** A previously written collection whose extent is widened rather than replaced. */
  existing?: StacCollection;
}

/** Builds (or widens `existing`) a Collection whose extent covers all `items`. */
export function buildCollection(input: CollectionInput): StacCollection {
  const prev = input.existing;
  const boxes: Bbox[] = [...(prev?.extent.spatial.bbox.slice(0, 1) ?? []), ...input.items.flatMap((i) => (i.bbox ? [i.bbox] : []))];
  const times = [
    ...(prev?.extent.temporal.interval[0] ?? []).flatMap((t) => (t === null ? [] : [t])),
    ...input.items.map((i) => i.properties.datetime),
  ].sort((a, b) => Date.parse(a) - Date.parse(b));
  const bbox = unionBbox(boxes);
  return {
    type: "Collection",
    stac_version: STAC_VERSION,
    stac_extensions: prev?.stac_extensions ?? [],
    id: input.id,
    ...(input.title ?? prev?.title ? { title: input.title ?? prev?.title } : {}),
    description: input.description,
    license: input.license ?? prev?.license ?? "proprietary",
    extent: {
      spatial: { bbox: [bbox ?? [-180, -90, 180, 90]] },
      temporal: { interval: [[times[0] ?? null, times.at(-1) ?? null]] },
    },
    links: prev?.links ?? [],
  };
}
