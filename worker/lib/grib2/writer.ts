// Byte- and bit-level writers for the GRIB2 encoder (big-endian, sign-and-magnitude integers).

export class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;
  private grow(n: number) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number) {
    this.grow(1);
    this.buf[this.length++] = b;
  }
  bytes(b: ArrayLike<number>) {
    this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  uint(v: number, n: number) {
    const b = new Array<number>(n);
    for (let k = n - 1; k >= 0; k--, v = Math.floor(v / 256)) b[k] = v % 256;
    this.bytes(b);
  }
  /** Sign-and-magnitude, as GRIB2 encodes negative integers. */
  sint(v: number, n: number) {
    this.uint(Math.abs(v) + (v < 0 ? 2 ** (8 * n - 1) : 0), n);
  }
  f32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, false);
    this.bytes(b);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class BitWriter {
  private out = new ByteWriter();
  private acc = 0;
  private nacc = 0;
  /** Appends the low `bits` (≤ 32) bits of `value`, most significant first. */
  write(value: number, bits: number) {
    while (bits > 0) {
      const take = Math.min(bits, 8 - this.nacc);
      bits -= take;
      this.acc = (this.acc << take) | (Math.floor(value / 2 ** bits) & ((1 << take) - 1));
      this.nacc += take;
      if (this.nacc === 8) {
        this.out.byte(this.acc);
        this.acc = 0;
        this.nacc = 0;
      }
    }
  }
  align() {
    if (this.nacc > 0) this.write(0, 8 - this.nacc);
  }
  result(): Uint8Array {
    this.align();
    return this.out.result();
  }
}

/** Bits needed to store 0..v. */
export const bitsFor = (v: number) => (v <= 0 ? 0 : Math.floor(Math.log2(v)) + 1);

/** A whole section: 4-byte length, section number, then what `body` writes. */
export function section(num: number, body: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter();
  body(w);
  const content = w.result();
  const s = new ByteWriter();
  s.uint(content.length + 5, 4);
  s.uint(num, 1);
  s.bytes(content);
  return s.result();
}
