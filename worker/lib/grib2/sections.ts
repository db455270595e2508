// Message framing: find "GRIB", check section 0, and walk sections 1-8. A message may repeat
// sections 2-7, 3-7 or 4-7 to carry several fields; each section 7 closes one field.
import { SectionView } from "./bits.ts";
import { Grib2FormatError } from "./errors.ts";

/** The sections one field is made of (views into the file buffer, nothing decoded yet). */
export interface FieldSections {
  s1: SectionView;
  s3: SectionView;
  s4: SectionView;
  s5: SectionView;
  /** Section 6 that holds the bitmap in force (after resolving indicator 254), or null for none. */
  bitmap: SectionView | null;
  /** Indicator as written in this field's own section 6 (0, 254, 255 or a predefined bitmap number). */
  bitmapIndicator: number;
  s7: SectionView;
}

export interface MessageFrame {
  offset: number;
  length: number;
  discipline: number;
  fields: FieldSections[];
}

const G = 0x47, R = 0x52, I = 0x49, B = 0x42;

/** Byte offset of the next "GRIB" at or after `from`, or -1. */
export function findMagic(buf: Uint8Array, from: number): number {
  for (let p = buf.indexOf(G, from); p !== -1 && p + 4 <= buf.length; p = buf.indexOf(G, p + 1)) {
    if (buf[p + 1] === R && buf[p + 2] === I && buf[p + 3] === B) return p;
  }
  return -1;
}

function endsWith7777(buf: Uint8Array, end: number): boolean {
  return end >= 4 && end <= buf.length && buf[end - 4] === 0x37 && buf[end - 3] === 0x37 && buf[end - 2] === 0x37 && buf[end - 1] === 0x37;
}

/**
 * Length of the message at `offset` if its header is believable (it fits the buffer and ends in
 * "7777"), whatever the edition; used to skip a bad message without rescanning its payload.
 */
export function trustedLength(buf: Uint8Array, offset: number): number | null {
  if (offset + 16 > buf.length) return null;
  const edition = buf[offset + 7];
  let length: number;
  if (edition === 1) length = (buf[offset + 4] << 16) | (buf[offset + 5] << 8) | buf[offset + 6];
  else if (edition === 2) length = readLength64(buf, offset + 8);
  else return null;
  return length >= 8 && endsWith7777(buf, offset + length) ? length : null;
}

function readLength64(buf: Uint8Array, p: number): number {
  let v = 0;
  for (let k = 0; k < 8; k++) v = v * 256 + buf[p + k];
  return v;
}

export function parseFrame(buf: Uint8Array, offset: number): MessageFrame {
  if (offset + 16 > buf.length) throw new Grib2FormatError(`truncated GRIB message: only ${buf.length - offset} bytes left for the 16-byte indicator section`, offset);
  const edition = buf[offset + 7];
  if (edition === 1) throw new Grib2FormatError("GRIB edition 1 is not supported (only GRIB2 can be decoded)", offset);
  if (edition !== 2) throw new Grib2FormatError(`unknown GRIB edition ${edition}`, offset);
  const discipline = buf[offset + 6];
  const length = readLength64(buf, offset + 8);
  if (length < 16 + 21 + 4) throw new Grib2FormatError(`GRIB2 message length ${length} is too small`, offset);
  if (offset + length > buf.length) {
    throw new Grib2FormatError(`truncated GRIB2 message: header says ${length} bytes but only ${buf.length - offset} remain`, offset);
  }
  const end = offset + length;
  if (!endsWith7777(buf, end)) throw new Grib2FormatError(`GRIB2 message of ${length} bytes does not end with "7777"`, offset);
  return { offset, length, discipline, fields: walkSections(buf, offset + 16, end - 4) };
}

// Which sections may follow which (regulation 92.1.3): after a section 7 the next field restarts at 2, 3 or 4.
const NEXT: Record<number, number[]> = { 0: [1], 1: [2, 3], 2: [3], 3: [4], 4: [5], 5: [6], 6: [7], 7: [2, 3, 4] };

function walkSections(buf: Uint8Array, start: number, end: number): FieldSections[] {
  const fields: FieldSections[] = [];
  let prev = 0;
  let s1: SectionView | undefined, s3: SectionView | undefined, s4: SectionView | undefined, s5: SectionView | undefined;
  let lastBitmap: SectionView | null = null;
  let current: { view: SectionView | null; indicator: number } = { view: null, indicator: 255 };
  for (let pos = start; pos < end; ) {
    if (pos + 5 > end) throw new Grib2FormatError("section header runs past the end of the message", pos);
    const len = buf[pos] * 0x1000000 + ((buf[pos + 1] << 16) | (buf[pos + 2] << 8) | buf[pos + 3]);
    const num = buf[pos + 4];
    if (len < 5 || pos + len > end) throw new Grib2FormatError(`section ${num} has invalid length ${len}`, pos);
    if (!NEXT[prev]?.includes(num)) throw new Grib2FormatError(`section ${num} cannot follow section ${prev}`, pos);
    const view = new SectionView(buf, pos, len, num);
    switch (num) {
      case 1: s1 = view; break;
      case 3: s3 = view; break;
      case 4: s4 = view; break;
      case 5: s5 = view; break;
      case 6: {
        const indicator = view.u8(6);
        if (indicator === 0) current = { view: (lastBitmap = view), indicator };
        else if (indicator === 254) {
          if (!lastBitmap) throw new Grib2FormatError("bitmap indicator 254 (reuse previous bitmap) but no bitmap was defined earlier in the message", pos);
          current = { view: lastBitmap, indicator };
        } else current = { view: indicator === 255 ? null : view, indicator };
        break;
      }
      case 7:
        fields.push({ s1: s1!, s3: s3!, s4: s4!, s5: s5!, bitmap: current.view, bitmapIndicator: current.indicator, s7: view });
        break;
    }
    prev = num;
    pos += len;
  }
  if (prev !== 7) throw new Grib2FormatError(fields.length === 0 ? "GRIB2 message has no data section" : `GRIB2 message ends after section ${prev}, not after a data section`, start - 16);
  return fields;
}
