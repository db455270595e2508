// Section 7 → packed values. Every packing yields `numberOfValues` numbers in storage order, NaN
// where complex packing codes a missing value; the bitmap (if any) is applied later by the caller.
import { padded, readBytesInt, unpackBits } from "./bits.ts";
import { decodeJpeg2000, decodePng } from "./codecs.ts";
import { Grib2FormatError, Grib2UnsupportedError } from "./errors.ts";
import type { ComplexPacking, Packing } from "./packing.ts";

export function unpack(p: Packing, data: Uint8Array): Float32Array {
  const n = p.numberOfValues;
  if (data.length >= 2 ** 29) throw new Grib2UnsupportedError("data sections of 512 MiB or more are not supported");
  switch (p.template) {
    case 0:
      return scale(p, unpackSimple(p, data));
    case 2:
    case 3:
      return unpackComplex(p, p.complex!, data);
    case 4:
      return unpackIeee(p, data);
    case 40:
      return scale(p, p.bitsPerValue === 0 ? new Uint32Array(n) : decodeJpeg2000(data, n));
    case 41:
      return scale(p, p.bitsPerValue === 0 ? new Uint32Array(n) : decodePng(data, n));
    default:
      throw new Grib2UnsupportedError(`unsupported packing template 5.${p.template}`);
  }
}

/** Y = (R + X·2^E) / 10^D, computed in float64 like ecCodes and stored as float32. */
function scale(p: Packing, x: Uint32Array): Float32Array {
  const out = new Float32Array(x.length);
  const r = p.referenceValue;
  const bs = 2 ** p.binaryScale;
  const ds = 10 ** -p.decimalScale;
  for (let k = 0; k < x.length; k++) out[k] = (r + x[k] * bs) * ds;
  return out;
}

function unpackSimple(p: Packing, data: Uint8Array): Uint32Array {
  const n = p.numberOfValues;
  const bits = p.bitsPerValue;
  if (bits > 32) throw new Grib2UnsupportedError(`unsupported bits per value ${bits} in simple packing`);
  if (n * bits > data.length * 8) {
    throw new Grib2FormatError(`data section holds ${data.length} bytes but ${n} values of ${bits} bits need ${Math.ceil((n * bits) / 8)}`);
  }
  const out = new Uint32Array(n);
  if (bits === 0) return out;
  unpackBits(padded(data), 0, bits, n, out, 0);
  return out;
}

function unpackIeee(p: Packing, data: Uint8Array): Float32Array {
  const n = p.numberOfValues;
  const size = p.bitsPerValue / 8;
  if (size !== 4 && size !== 8) throw new Grib2UnsupportedError(`unsupported IEEE precision of ${p.bitsPerValue} bits (template 5.4)`);
  if (n * size > data.length) throw new Grib2FormatError(`data section holds ${data.length} bytes, IEEE data needs ${n * size}`);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = size === 4 ? view.getFloat32(4 * k, false) : view.getFloat64(8 * k, false);
  return out;
}

/** Complex packing (5.2) and complex packing with spatial differencing (5.3); see WMO FM 92 regulation 92.9.4. */
function unpackComplex(p: Packing, c: ComplexPacking, data: Uint8Array): Float32Array {
  const n = p.numberOfValues;
  const ng = c.groups;
  const totalBits = data.length * 8;
  const buf = padded(data);
  let pos = 0;
  const need = (bits: number, what: string) => {
    if (pos + bits > totalBits) throw new Grib2FormatError(`complex packing: data section too short for ${what}`);
  };
  const align = () => (pos = Math.ceil(pos / 8) * 8);

  // 5.3: the first one or two undifferenced values and the minimum of the differences lead the section.
  let h1 = 0, h2 = 0, dmin = 0;
  if (p.template === 3) {
    const order = c.spatialOrder;
    const nb = c.extraDescriptorOctets;
    if (order !== 1 && order !== 2) throw new Grib2UnsupportedError(`unsupported order of spatial differencing ${order}`);
    if (nb < 1 || nb > 6) throw new Grib2FormatError(`invalid number of octets for extra descriptors (${nb})`);
    need((order + 1) * nb * 8, "spatial differencing descriptors");
    h1 = readBytesInt(buf, 0, nb, true);
    if (order === 2) h2 = readBytesInt(buf, nb, nb, true);
    dmin = readBytesInt(buf, order * nb, nb, true);
    pos = (order + 1) * nb * 8;
  }
  if (ng === 0) return scale(p, new Uint32Array(n));
  if (p.bitsPerValue > 32 || c.groupWidthBits > 32 || c.groupLengthBits > 32) {
    throw new Grib2FormatError("complex packing: a bit count exceeds 32");
  }
  if (ng > n) throw new Grib2FormatError(`complex packing: ${ng} groups for ${n} values`);

  // Check each block fits before allocating for it: a corrupt group count must not cost memory.
  need(ng * p.bitsPerValue, "group reference values");
  const refs = new Uint32Array(ng);
  pos = unpackBits(buf, pos, p.bitsPerValue, ng, refs, 0);
  align();
  need(ng * c.groupWidthBits, "group widths");
  const widths = new Uint32Array(ng);
  pos = unpackBits(buf, pos, c.groupWidthBits, ng, widths, 0);
  align();
  need(ng * c.groupLengthBits, "group lengths");
  const lengths = new Uint32Array(ng);
  pos = unpackBits(buf, pos, c.groupLengthBits, ng, lengths, 0);
  align();

  let sumLengths = 0;
  let dataBits = 0;
  for (let g = 0; g < ng; g++) {
    widths[g] += c.groupWidthReference;
    lengths[g] = g === ng - 1 ? c.lastGroupLength : c.groupLengthReference + lengths[g] * c.groupLengthIncrement;
    if (widths[g] > 32) throw new Grib2FormatError(`complex packing: group ${g} has width ${widths[g]} > 32`);
    sumLengths += lengths[g];
    dataBits += widths[g] * lengths[g];
  }
  if (sumLengths !== n) throw new Grib2FormatError(`complex packing: group lengths add up to ${sumLengths}, expected ${n} values`);
  need(dataBits, "packed group values");

  const raw = new Uint32Array(n);
  for (let g = 0, off = 0; g < ng; g++) {
    pos = unpackBits(buf, pos, widths[g], lengths[g], raw, off);
    off += lengths[g];
  }

  // Add group references, marking missing values and compacting the others (differencing skips missing).
  const mvm = c.missingManagement;
  const ints = new Float64Array(n);
  const missing = mvm === 0 ? null : new Uint8Array(n);
  let nv = 0;
  for (let g = 0, k = 0; g < ng; g++) {
    const ref = refs[g];
    const w = widths[g];
    const end = k + lengths[g];
    if (!missing) {
      for (; k < end; k++) ints[nv++] = raw[k] + ref;
      continue;
    }
    // Missing codes: all ones (primary) and all ones minus one (secondary, management 2), either in a
    // value of the group's width or, for a zero-width group, in the group reference itself.
    const wBits = w === 0 ? p.bitsPerValue : w;
    const primary = 2 ** wBits - 1;
    const secondary = mvm === 2 ? primary - 1 : -1;
    for (; k < end; k++) {
      const v = w === 0 ? ref : raw[k];
      if (v === primary || v === secondary) missing[k] = 1;
      else ints[nv++] = raw[k] + ref;
    }
  }

  if (p.template === 3) undoSpatialDifferencing(ints, nv, c.spatialOrder, h1, h2, dmin);

  const out = new Float32Array(n);
  const r = p.referenceValue;
  const bs = 2 ** p.binaryScale;
  const ds = 10 ** -p.decimalScale;
  for (let k = 0, j = 0; k < n; k++) {
    out[k] = missing && missing[k] ? NaN : (r + ints[j++] * bs) * ds;
  }
  return out;
}

function undoSpatialDifferencing(v: Float64Array, n: number, order: number, h1: number, h2: number, dmin: number): void {
  if (n === 0) return;
  v[0] = h1;
  if (order === 1) {
    for (let k = 1; k < n; k++) v[k] = v[k] + dmin + v[k - 1];
    return;
  }
  if (n === 1) return;
  v[1] = h2;
  for (let k = 2; k < n; k++) v[k] = v[k] + dmin + 2 * v[k - 1] - v[k - 2];
}
