// 2× decimation for internal overviews. Each level is built from the previous one, slab by
// slab, so only a few rows of every level need to be in memory at once.
import { isFloat, type DType, type TypedArray } from "./types.ts";

export type Resampling = "average" | "nearest";

export interface DownsampleSpec {
  method: Resampling;
  dtype: DType;
  /** True for pixels that must not contribute (nodata, NaN). */
  invalid: (v: number) => boolean;
  /** Written where all source pixels are invalid. */
  fill: number;
}

/**
 * Halves a slab of `rows` rows × `width` columns into `dst`, starting at output row `dstRow`.
 * The output is ceil(width/2) wide and ceil(rows/2) tall; at odd edges the 2×2 window shrinks.
 * "nearest" keeps the upper-left sample of each window; "average" is the mean of the valid
 * samples (rounded for integer types), so nodata never bleeds into values.
 */
export function downsample2(
  spec: DownsampleSpec,
  src: TypedArray,
  width: number,
  rows: number,
  dst: TypedArray,
  dstRow: number,
): void {
  const dw = Math.ceil(width / 2);
  const dh = Math.ceil(rows / 2);
  const round = !isFloat(spec.dtype);
  const { invalid, fill } = spec;
  for (let y = 0; y < dh; y++) {
    const r0 = 2 * y * width;
    const r1 = 2 * y + 1 < rows ? r0 + width : r0;
    const out = (dstRow + y) * dw;
    for (let x = 0; x < dw; x++) {
      const c0 = 2 * x;
      if (spec.method === "nearest") {
        dst[out + x] = src[r0 + c0];
        continue;
      }
      const c1 = c0 + 1 < width ? c0 + 1 : c0;
      let sum = 0;
      let n = 0;
      // Shrunken windows at odd edges repeat a sample, which leaves the mean unchanged.
      for (let k = 0; k < 4; k++) {
        const v = src[(k < 2 ? r0 : r1) + (k & 1 ? c1 : c0)];
        if (!invalid(v)) {
          sum += v;
          n++;
        }
      }
      dst[out + x] = n === 0 ? fill : round ? Math.round(sum / n) : sum / n;
    }
  }
}
