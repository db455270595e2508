export interface Summary {
  /** NaN when every value is missing. */
  min: number;
  max: number;
  mean: number;
  count: number;
  missing: number;
}

/** Min/max/mean over non-missing (non-NaN) values; the mean is accumulated in float64. */
export function summarize(values: ArrayLike<number>): Summary {
  let min = Infinity, max = -Infinity, sum = 0, count = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  return count === 0
    ? { min: NaN, max: NaN, mean: NaN, count, missing: values.length }
    : { min, max, mean: sum / count, count, missing: values.length - count };
}
