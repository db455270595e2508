// Section 5 (data representation) header.
import { SectionView } from "./bits.ts";

export interface ComplexPacking {
  /** Code table 5.5: 0 none, 1 primary, 2 primary and secondary missing values coded in the data. */
  missingManagement: number;
  primaryMissingSubstitute: number;
  secondaryMissingSubstitute: number;
  groups: number;
  groupWidthReference: number;
  groupWidthBits: number;
  groupLengthReference: number;
  groupLengthIncrement: number;
  lastGroupLength: number;
  groupLengthBits: number;
  /** 5.3 only: order of spatial differencing (1 or 2) and bytes per extra descriptor; 0 for 5.2. */
  spatialOrder: number;
  extraDescriptorOctets: number;
}

export interface Packing {
  /** Data representation template number (5.N). */
  template: number;
  /** Number of values actually packed (points where the bitmap is on). */
  numberOfValues: number;
  bitsPerValue: number;
  referenceValue: number;
  binaryScale: number;
  decimalScale: number;
  /** Code table 5.1: 0 floating point, 1 integer. */
  originalType: number;
  complex: ComplexPacking | null;
}

// Templates sharing the simple-packing octets 12-21 (R, E, D, bits, type).
const SIMPLE_HEADER = new Set([0, 1, 2, 3, 40, 41, 42, 61]);

export function parsePacking(s: SectionView): Packing {
  const template = s.u16(10);
  const numberOfValues = s.u32(6);
  if (template === 4) {
    // IEEE floats: octet 12 = precision (1 single, 2 double, 3 quadruple).
    const precision = s.u8(12);
    const bits = precision === 1 ? 32 : precision === 2 ? 64 : precision === 3 ? 128 : NaN;
    return { template, numberOfValues, bitsPerValue: bits, referenceValue: 0, binaryScale: 0, decimalScale: 0, originalType: 0, complex: null };
  }
  if (!SIMPLE_HEADER.has(template)) {
    return { template, numberOfValues, bitsPerValue: NaN, referenceValue: NaN, binaryScale: 0, decimalScale: 0, originalType: 0, complex: null };
  }
  const base = {
    template, numberOfValues,
    referenceValue: s.f32(12),
    binaryScale: s.s16(16),
    decimalScale: s.s16(18),
    bitsPerValue: s.u8(20),
    originalType: s.u8(21),
  };
  if (template !== 2 && template !== 3) return { ...base, complex: null };
  return {
    ...base,
    complex: {
      missingManagement: s.u8(23),
      primaryMissingSubstitute: s.u32(24),
      secondaryMissingSubstitute: s.u32(28),
      groups: s.u32(32),
      groupWidthReference: s.u8(36),
      groupWidthBits: s.u8(37),
      groupLengthReference: s.u32(38),
      groupLengthIncrement: s.u8(42),
      lastGroupLength: s.u32(43),
      groupLengthBits: s.u8(47),
      spatialOrder: template === 3 ? s.u8(48) : 0,
      extraDescriptorOctets: template === 3 ? s.u8(49) : 0,
    },
  };
}
