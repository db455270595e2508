import { Grib2FormatError } from "./errors.ts";

/**
 * A bounds-checked view of one GRIB2 section, addressed with the 1-based octet numbers used by
 * the WMO templates (octet 1 = first byte of the section), so the code reads like the spec.
 * Signed integers in GRIB2 are sign-and-magnitude, not two's complement.
 */
export class SectionView {
  constructor(
    readonly buf: Uint8Array,
    readonly start: number,
    readonly length: number,
    readonly number: number,
  ) {}

  private at(octet: number, n: number): number {
    if (octet < 1 || octet + n - 1 > this.length) {
      throw new Grib2FormatError(`section ${this.number} is too short (${this.length} bytes) to hold octets ${octet}-${octet + n - 1}`, this.start);
    }
    return this.start + octet - 1;
  }

  u8(octet: number): number {
    return this.buf[this.at(octet, 1)];
  }
  u16(octet: number): number {
    const p = this.at(octet, 2);
    return (this.buf[p] << 8) | this.buf[p + 1];
  }
  u32(octet: number): number {
    const p = this.at(octet, 4);
    return this.buf[p] * 0x1000000 + ((this.buf[p + 1] << 16) | (this.buf[p + 2] << 8) | this.buf[p + 3]);
  }
  s8(octet: number): number {
    const v = this.u8(octet);
    return v & 0x80 ? -(v & 0x7f) : v;
  }
  s16(octet: number): number {
    const v = this.u16(octet);
    return v & 0x8000 ? -(v & 0x7fff) : v;
  }
  s32(octet: number): number {
    const v = this.u32(octet);
    return v >= 0x80000000 ? -(v - 0x80000000) : v;
  }
  f32(octet: number): number {
    const p = this.at(octet, 4);
    return new DataView(this.buf.buffer, this.buf.byteOffset + p, 4).getFloat32(0, false);
  }
  /** Bytes from `octet` to the end of the section (a view, not a copy). */
  tail(octet: number): Uint8Array {
    const p = this.at(octet, 0);
    return this.buf.subarray(p, this.start + this.length);
  }
}

/** Reads an unsigned integer of `n` bytes (n ≤ 6) at byte `p`, big-endian, sign-and-magnitude if `signed`. */
export function readBytesInt(buf: Uint8Array, p: number, n: number, signed: boolean): number {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 256 + buf[p + k];
  if (!signed || n === 0) return v;
  const signBit = 2 ** (8 * n - 1);
  return v >= signBit ? -(v - signBit) : v;
}

/**
 * Unpacks `count` big-endian unsigned integers of `width` bits (0..32) starting at bit `pos` of `buf`
 * into `out[outStart…]` and returns the bit position after them. `buf` must extend at least 4 bytes
 * past the last bit read (callers decode from a padded copy) so the inner loop needs no bounds checks.
 */
export function unpackBits(buf: Uint8Array, pos: number, width: number, count: number, out: Uint32Array, outStart: number): number {
  if (width === 0) {
    out.fill(0, outStart, outStart + count);
    return pos;
  }
  if (width <= 25) {
    // A 32-bit window starting at the value's first byte always holds shift (≤7) + width (≤25) bits.
    const drop = 32 - width;
    for (let n = 0; n < count; n++) {
      const b = pos >>> 3;
      const word = (buf[b] << 24) | (buf[b + 1] << 16) | (buf[b + 2] << 8) | buf[b + 3];
      out[outStart + n] = (word << (pos & 7)) >>> drop;
      pos += width;
    }
    return pos;
  }
  // Wider values: high part (width-16 bits) and low 16 bits, each through the window above.
  const hiWidth = width - 16;
  for (let n = 0; n < count; n++) {
    let b = pos >>> 3;
    let word = (buf[b] << 24) | (buf[b + 1] << 16) | (buf[b + 2] << 8) | buf[b + 3];
    const hi = (word << (pos & 7)) >>> (32 - hiWidth);
    const lo = pos + hiWidth;
    b = lo >>> 3;
    word = (buf[b] << 24) | (buf[b + 1] << 16) | (buf[b + 2] << 8) | buf[b + 3];
    out[outStart + n] = hi * 65536 + ((word << (lo & 7)) >>> 16);
    pos += width;
  }
  return pos;
}

/** A copy of `bytes` followed by 8 zero bytes, the slack `unpackBits` needs. */
export function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 8);
  out.set(bytes);
  return out;
}
