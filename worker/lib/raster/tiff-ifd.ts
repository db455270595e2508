// Encoding of TIFF image file directories, classic (32-bit offsets) or BigTIFF, little-endian.
// Sizes do not depend on the offset values written, so the COG writer can lay out every IFD
// first and fill in tile offsets afterwards.

export const FieldType = { ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12, LONG8: 16 } as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

const TYPE_SIZE: Record<FieldType, number> = { 2: 1, 3: 2, 4: 4, 12: 8, 16: 8 };

export interface IfdEntry {
  tag: number;
  type: FieldType;
  /** Numbers for numeric types; for ASCII a string (a NUL terminator is added). */
  values: number[] | string;
}

export const ascii = (tag: number, text: string): IfdEntry => ({ tag, type: FieldType.ASCII, values: text });
export const shorts = (tag: number, values: number[]): IfdEntry => ({ tag, type: FieldType.SHORT, values });
export const longs = (tag: number, values: number[]): IfdEntry => ({ tag, type: FieldType.LONG, values });
export const doubles = (tag: number, values: number[]): IfdEntry => ({ tag, type: FieldType.DOUBLE, values });

function payload(entry: IfdEntry): { count: number; bytes: number } {
  if (typeof entry.values === "string") {
    const count = Buffer.byteLength(entry.values, "utf8") + 1;
    return { count, bytes: count };
  }
  return { count: entry.values.length, bytes: entry.values.length * TYPE_SIZE[entry.type] };
}

const even = (n: number) => n + (n & 1);

/** Bytes taken by one IFD including its out-of-line values (each padded to an even length). */
export function ifdByteSize(entries: IfdEntry[], bigTiff: boolean): number {
  const inline = bigTiff ? 8 : 4;
  let size = bigTiff ? 8 + entries.length * 20 + 8 : 2 + entries.length * 12 + 4;
  for (const e of entries) {
    const { bytes } = payload(e);
    if (bytes > inline) size += even(bytes);
  }
  return size;
}

function writeValues(view: DataView, at: number, entry: IfdEntry): void {
  if (typeof entry.values === "string") {
    const bytes = Buffer.from(entry.values + "\0", "utf8");
    new Uint8Array(view.buffer, view.byteOffset + at, bytes.length).set(bytes);
    return;
  }
  const size = TYPE_SIZE[entry.type];
  entry.values.forEach((v, i) => {
    const p = at + i * size;
    switch (entry.type) {
      case FieldType.SHORT:
        view.setUint16(p, v, true);
        break;
      case FieldType.LONG:
        view.setUint32(p, v, true);
        break;
      case FieldType.DOUBLE:
        view.setFloat64(p, v, true);
        break;
      case FieldType.LONG8:
        view.setBigUint64(p, BigInt(v), true);
        break;
    }
  });
}

/**
 * Writes the IFD at byte `at` of the file (view covers the file from byte 0), entries
 * sorted by tag as TIFF requires, out-of-line values right after it. Returns the end offset.
 */
export function writeIfd(view: DataView, at: number, entries: IfdEntry[], next: number, bigTiff: boolean): number {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const inline = bigTiff ? 8 : 4;
  const entrySize = bigTiff ? 20 : 12;
  let p = at;
  if (bigTiff) {
    view.setBigUint64(p, BigInt(sorted.length), true);
    p += 8;
  } else {
    view.setUint16(p, sorted.length, true);
    p += 2;
  }
  let extra = p + sorted.length * entrySize + inline;
  for (const e of sorted) {
    const { count, bytes } = payload(e);
    view.setUint16(p, e.tag, true);
    view.setUint16(p + 2, e.type, true);
    if (bigTiff) view.setBigUint64(p + 4, BigInt(count), true);
    else view.setUint32(p + 4, count, true);
    const valueAt = p + (bigTiff ? 12 : 8);
    if (bytes <= inline) {
      writeValues(view, valueAt, e);
    } else {
      if (bigTiff) view.setBigUint64(valueAt, BigInt(extra), true);
      else view.setUint32(valueAt, extra, true);
      writeValues(view, extra, e);
      extra += even(bytes);
    }
    p += entrySize;
  }
  if (bigTiff) view.setBigUint64(p, BigInt(next), true);
  else view.setUint32(p, next, true);
  return extra;
}
