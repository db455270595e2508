// Packing for the encoder: quantization, 5.0 simple, 5.2/5.3 complex with fixed-size groups,
// 5.40 lossless JPEG 2000 and 5.41 PNG. Produces sections 5 and 7 and the bitmap, if any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { encode as encodePngImage } from "fast-png";
import type { EncodeFieldSpec, EncodePackingSpec } from "./encode.ts";
import { BitWriter, bitsFor, section, type ByteWriter } from "./writer.ts";

interface Packed {
  section5: Uint8Array;
  section7: Uint8Array;
}

/** Shared front of 5.0-style templates: R (float32), E, D, bits, type of values. */
function simpleHeader(w: ByteWriter, template: number, nPacked: number, r: number, e: number, d: number, bits: number) {
  w.uint(nPacked, 4);
  w.uint(template, 2);
  w.f32(r);
  w.sint(e, 2);
  w.sint(d, 2);
  w.uint(bits, 1);
  w.uint(0, 1);
}

/** The largest float32 ≤ v (R is stored as float32 and must not exceed the minimum). */
function float32AtMost(v: number): number {
  const f = new Float32Array([v]);
  if (f[0] <= v) return f[0];
  const u = new Uint32Array(f.buffer);
  if (f[0] > 0) u[0]--;
  else if (f[0] < 0) u[0]++;
  else f[0] = -1.4e-45;
  return f[0];
}

/**
 * Integers X with value·10^D = R + X·2^E. R is rounded down to float32 so that every X ≥ 0.
 * With bitsPerValue set, E is the smallest that fits the range into that many bits.
 */
interface Quantized {
  r: number;
  e: number;
  d: number;
  ints: number[];
}

function quantize(valid: number[], p: EncodePackingSpec): Quantized {
  const d = p.decimalScale ?? 0;
  const scaled = valid.map((v) => v * 10 ** d);
  let min = Infinity, max = -Infinity;
  for (const v of scaled) { if (v < min) min = v; if (v > max) max = v; }
  if (scaled.length === 0) min = max = 0;
  const r = float32AtMost(min);
  let e = p.binaryScale ?? 0;
  if (p.bitsPerValue !== undefined && p.binaryScale === undefined) {
    const range = max - r;
    e = range === 0 || p.bitsPerValue === 0 ? 0 : Math.ceil(Math.log2(range / (2 ** p.bitsPerValue - 1)));
  }
  return { r, e, d, ints: scaled.map((v) => Math.round((v - r) * 2 ** -e)) };
}

function packSimple(ints: number[], q: Quantized, bitsPerValue?: number): Packed {
  const maxInt = ints.reduce((a, b) => Math.max(a, b), 0);
  const bits = bitsPerValue ?? bitsFor(maxInt);
  if (bitsFor(maxInt) > bits || bits > 32) throw new Error(`values need ${bitsFor(maxInt)} bits, more than ${bits} (max 32)`);
  const bw = new BitWriter();
  if (bits > 0) for (const x of ints) bw.write(x, bits);
  const s5 = section(5, (w) => simpleHeader(w, 0, ints.length, q.r, q.e, q.d, bits));
  return { section5: s5, section7: section(7, (w) => w.bytes(bw.result())) };
}

function packImage(template: 40 | 41, ints: number[], q: Quantized, width: number, height: number): Packed {
  const maxInt = ints.reduce((a, b) => Math.max(a, b), 0);
  const need = bitsFor(maxInt);
  let bits: number;
  let image: Uint8Array;
  if (need === 0) {
    bits = 0;
    image = new Uint8Array(0);
  } else if (template === 41) {
    bits = [1, 2, 4, 8, 16, 24, 32].find((b) => b >= need)!;
    image = pngBytes(ints, width, height, bits);
  } else {
    if (need > 16) throw new Error("JPEG 2000 fixtures support at most 16 bits per value");
    bits = need;
    image = jpeg2000Bytes(ints, width, height, bits);
  }
  const s5 = section(5, (w) => {
    simpleHeader(w, template, ints.length, q.r, q.e, q.d, bits);
    if (template === 40) { w.uint(0, 1); w.uint(255, 1); } // lossless, no target ratio
  });
  return { section5: s5, section7: section(7, (w) => w.bytes(image)) };
}

function pngBytes(ints: number[], width: number, height: number, bits: number): Uint8Array {
  if (bits < 8) {
    const rowBytes = Math.ceil((width * bits) / 8);
    const bw = new BitWriter();
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) bw.write(ints[r * width + c], bits);
      bw.align();
    }
    const data = bw.result();
    return encodePngImage({ width, height, depth: bits as 1 | 2 | 4, channels: 1, data: data.subarray(0, rowBytes * height) });
  }
  if (bits <= 16) {
    const data = bits === 8 ? Uint8Array.from(ints) : Uint16Array.from(ints);
    return encodePngImage({ width, height, depth: bits as 8 | 16, channels: 1, data });
  }
  const channels = bits / 8;
  const data = new Uint8Array(ints.length * channels);
  ints.forEach((x, k) => {
    for (let c = channels - 1; c >= 0; c--, x = Math.floor(x / 256)) data[k * channels + c] = x % 256;
  });
  return encodePngImage({ width, height, depth: 8, channels: channels as 3 | 4, data });
}

interface J2KEncoder {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean }): Uint8Array;
  setQuality(lossless: boolean, quality: number): void;
  setDecompositions(n: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

let j2kEncoderClass: (new () => J2KEncoder) | undefined;

/** The full OpenJPEG build (with encoder), instantiated synchronously like the decoder in codecs.ts. */
function loadJ2KEncoder(): new () => J2KEncoder {
  if (j2kEncoderClass) return j2kEncoderClass;
  const require = createRequire(import.meta.url);
  const factory = require("@cornerstonejs/codec-openjpeg/wasmjs") as (arg: object) => Promise<unknown>;
  const wasm = new WebAssembly.Module(readFileSync(require.resolve("@cornerstonejs/codec-openjpeg/wasm")));
  const mod: Record<string, unknown> = {
    print: () => {},
    printErr: () => {},
    instantiateWasm(imports: WebAssembly.Imports, done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      const instance = new WebAssembly.Instance(wasm, imports);
      done(instance, wasm);
      return instance.exports;
    },
  };
  void factory(mod);
  j2kEncoderClass = mod.J2KEncoder as new () => J2KEncoder;
  return j2kEncoderClass;
}

function jpeg2000Bytes(ints: number[], width: number, height: number, bits: number): Uint8Array {
  const enc = new (loadJ2KEncoder())();
  try {
    const sampleBits = bits <= 8 ? 8 : 16;
    const buf = enc.getDecodedBuffer({ width, height, bitsPerSample: sampleBits, componentCount: 1, isSigned: false });
    buf.set(sampleBits === 8 ? Uint8Array.from(ints) : new Uint8Array(Uint16Array.from(ints).buffer));
    enc.setQuality(true, 0);
    // Each wavelet level halves the image; OpenJPEG refuses more levels than the smaller side allows.
    enc.setDecompositions(Math.max(0, Math.min(5, Math.floor(Math.log2(Math.min(width, height))))));
    enc.encode();
    return enc.getEncodedBuffer().slice();
  } finally {
    enc.delete();
  }
}

/**
 * Complex packing with fixed-size groups. `seq` covers every point (undefined = missing,
 * coded in-band); for 5.3 it already holds the differenced, non-negative values.
 */
function packComplex(
  seq: (number | undefined)[], secondary: boolean[], q: Quantized,
  p: EncodePackingSpec, mvm: 0 | 1 | 2, diff: { order: number; h: number[]; dmin: number } | null,
): Packed {
  const size = Math.max(1, p.groupSize ?? 16);
  const reserve = mvm; // codes 2^w-1 (and 2^w-2) are reserved for missing values
  const groups: { ref: number; width: number; length: number; start: number; allMissing: boolean }[] = [];
  let maxRef = 0;
  for (let start = 0; start < seq.length; start += size) {
    const length = Math.min(size, seq.length - start);
    let lo = Infinity, hi = -Infinity, anyMissing = false;
    for (let k = start; k < start + length; k++) {
      const v = seq[k];
      if (v === undefined) anyMissing = true;
      else { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
    if (lo === Infinity) {
      groups.push({ ref: 0, width: 0, length, start, allMissing: true });
      continue;
    }
    const range = hi - lo;
    const width = range === 0 && !anyMissing ? 0 : bitsFor(range + reserve);
    groups.push({ ref: lo, width, length, start, allMissing: false });
    maxRef = Math.max(maxRef, lo);
  }
  // Group references must never collide with the missing codes of a zero-width group.
  const refBits = mvm === 0 ? bitsFor(maxRef) : Math.max(1, bitsFor(maxRef + reserve));
  const primaryRef = 2 ** refBits - 1;
  for (const g of groups) {
    if (!g.allMissing) continue;
    // A zero-width group codes one kind of missing value in its reference; mixed kinds need width 2.
    const kinds = new Set(secondary.slice(g.start, g.start + g.length));
    if (kinds.size > 1) g.width = 2;
    else g.ref = secondary[g.start] ? primaryRef - 1 : primaryRef;
  }
  const widthRef = groups.reduce((m, g) => Math.min(m, g.width), Infinity);
  const widthBits = bitsFor(groups.reduce((m, g) => Math.max(m, g.width), 0) - widthRef);
  const last = groups[groups.length - 1];

  const bw = new BitWriter();
  // 5.3 extra descriptors: first value(s) and minimum difference, sign-and-magnitude, nb bytes each.
  const nb = diff ? Math.max(1, Math.ceil((bitsFor(Math.max(...diff.h.map(Math.abs), Math.abs(diff.dmin))) + 1) / 8)) : 0;
  if (diff) for (const v of [...diff.h, diff.dmin]) bw.write(Math.abs(v) + (v < 0 ? 2 ** (8 * nb - 1) : 0), 8 * nb);
  for (const g of groups) bw.write(g.ref, refBits);
  bw.align();
  for (const g of groups) bw.write(g.width - widthRef, widthBits);
  bw.align();
  for (let k = 0; k < groups.length; k++) bw.write(0, 1); // all lengths = reference (size), last one explicit
  bw.align();
  for (const g of groups) {
    if (g.width === 0) continue;
    const primary = 2 ** g.width - 1;
    for (let k = g.start; k < g.start + g.length; k++) {
      const v = seq[k];
      bw.write(v === undefined ? (secondary[k] ? primary - 1 : primary) : v - g.ref, g.width);
    }
  }
  const template = diff ? 3 : 2;
  const s5 = section(5, (w) => {
    simpleHeader(w, template, seq.length, q.r, q.e, q.d, refBits);
    w.uint(1, 1); // general group splitting
    w.uint(mvm, 1);
    w.f32(9.999e20);
    w.f32(9.999e20);
    w.uint(groups.length, 4);
    w.uint(widthRef, 1);
    w.uint(widthBits, 1);
    w.uint(size, 4);
    w.uint(1, 1);
    w.uint(last.length, 4);
    w.uint(1, 1);
    if (diff) { w.uint(diff.order, 1); w.uint(nb, 1); }
  });
  return { section5: s5, section7: section(7, (w) => w.bytes(bw.result())) };
}

export function packField(f: EncodeFieldSpec): { packed: Packed; bitmap: Uint8Array | null } {
  const n = f.values.length;
  const p = f.packing;
  const hasNaN = Array.from(f.values).some((v) => Number.isNaN(v));
  const mvm: 0 | 1 | 2 = p.template === 2 || p.template === 3 ? (p.missingManagement ?? (hasNaN && !f.bitmap ? 1 : 0)) : 0;
  const useBitmap = f.bitmap ?? (hasNaN && mvm === 0);
  if (hasNaN && !useBitmap && mvm === 0) throw new Error("missing values need a bitmap or complex packing with missing value management");

  // Points that go through the packing: all of them, or only those the bitmap keeps.
  const kept: number[] = [];
  for (let k = 0; k < n; k++) if (!(useBitmap && Number.isNaN(f.values[k]))) kept.push(k);
  const valid = kept.filter((k) => !Number.isNaN(f.values[k]));
  const q = quantize(valid.map((k) => f.values[k]), p);

  let bitmap: Uint8Array | null = null;
  if (useBitmap) {
    bitmap = new Uint8Array(Math.ceil(n / 8));
    for (const k of kept) bitmap[k >> 3] |= 0x80 >> (k & 7);
  }
  if (p.template === 0) return { packed: packSimple(q.ints, q, p.bitsPerValue), bitmap };
  if (p.template === 40 || p.template === 41) {
    const [w, h] = kept.length === f.grid.ni * f.grid.nj ? [f.grid.ni, f.grid.nj] : [kept.length, 1];
    return { packed: packImage(p.template, q.ints, q, w, h), bitmap };
  }

  // Integers of the valid points in order, then (5.3) their differences of the given order.
  let ints = q.ints;
  let diff: { order: number; h: number[]; dmin: number } | null = null;
  if (p.template === 3) {
    const order = p.spatialOrder ?? 2;
    const d = ints.map((v, k) => (k < order ? 0 : order === 1 ? v - ints[k - 1] : v - 2 * ints[k - 1] + ints[k - 2]));
    // Loops, not Math.min(...array): spreading millions of values overflows the call stack.
    let dmin = d.length > order ? Infinity : 0;
    for (let k = order; k < d.length; k++) if (d[k] < dmin) dmin = d[k];
    diff = { order, h: ints.slice(0, order).concat(Array(Math.max(0, order - ints.length)).fill(0)), dmin };
    ints = d.map((v, k) => (k < order ? 0 : v - dmin));
  }
  const seq: (number | undefined)[] = [];
  const secondary: boolean[] = [];
  let j = 0;
  for (const k of kept) {
    const missing = Number.isNaN(f.values[k]);
    seq.push(missing ? undefined : ints[j++]);
    secondary.push(missing && mvm === 2 && Boolean(f.secondaryMissing?.[k]));
  }
  return { packed: packComplex(seq, secondary, q, p, mvm, diff), bitmap };
}
