// Section 1 (identification) and section 4 (product definition) headers.
import { SectionView } from "./bits.ts";
import { Grib2FormatError } from "./errors.ts";
import { describeLevel, formatG, statisticalProcessName, timeUnitHours } from "./tables.ts";

export interface Identification {
  centre: number;
  subCentre: number;
  masterTablesVersion: number;
  localTablesVersion: number;
  significanceOfReferenceTime: number;
  referenceTime: Date;
  productionStatus: number;
  typeOfData: number;
}

export function parseIdentification(s: SectionView): Identification {
  const [year, month, day, hour, minute, second] = [s.u16(13), s.u8(15), s.u8(16), s.u8(17), s.u8(18), s.u8(19)];
  return {
    centre: s.u16(6),
    subCentre: s.u16(8),
    masterTablesVersion: s.u8(10),
    localTablesVersion: s.u8(11),
    significanceOfReferenceTime: s.u8(12),
    referenceTime: utcDate(year, month, day, hour, minute, second, s.start),
    productionStatus: s.u8(20),
    typeOfData: s.u8(21),
  };
}

function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): Date {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    throw new Grib2FormatError(`invalid date/time ${y}-${mo}-${d} ${h}:${mi}:${s}`, offset);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export interface Level {
  /** Code table 4.5 type of the first fixed surface. */
  type: number;
  /** Physical value in the surface's SI unit (Pa for isobaric levels, m for heights); null if absent. */
  value: number | null;
  /** wgrib2-style text, e.g. "2 m above ground", "500 mb", "0-6000 m above ground". */
  description: string;
  /** The second fixed surface of a layer, or null for a single level. */
  second: { type: number; value: number | null } | null;
}

export interface TimeRange {
  /** Code table 4.10 (0 average, 1 accumulation, 2 maximum, 3 minimum, …) and its short name. */
  process: number;
  processName: string;
  /** Code table 4.11 type of time increment. */
  incrementType: number;
  /** Length of this range in hours (NaN for calendar units). */
  lengthHours: number;
  /** Increment between successive fields in hours; 0 = continuous. */
  incrementHours: number;
}

/** Template 4.8 and relatives: statistically processed over a time interval. */
export interface Statistics {
  /** Hours from the reference time to the start and end of the overall interval. */
  startHour: number;
  endHour: number;
  endTime: Date;
  missingCount: number;
  ranges: TimeRange[];
  /** wgrib2-style, e.g. "0-1 hour acc fcst". */
  description: string;
}

export interface ProductDefinition {
  template: number;
  category: number;
  number: number;
  generatingProcess: number | null;
  /** Hours from the reference time to the valid time (end of the interval for statistical products). */
  forecastHour: number;
  level: Level | null;
  statistics: Statistics | null;
}

// Templates 4.0-4.15 share octets 10-34; the statistical block starts at these octets.
const STATISTICS_AT: Record<number, number> = { 8: 35, 9: 48, 10: 36, 11: 38, 12: 37 };

function fixedSurface(s: SectionView, typeOctet: number): { type: number; value: number | null } {
  const type = s.u8(typeOctet);
  const factorRaw = s.u8(typeOctet + 1);
  const valueRaw = s.u32(typeOctet + 2);
  if (type === 255 || factorRaw === 255 || valueRaw === 0xffffffff) return { type, value: null };
  const factor = s.s8(typeOctet + 1);
  const scaled = s.s32(typeOctet + 2);
  // Divide rather than multiply by 10^-f so -2000 with factor 9 gives exactly -2e-6.
  return { type, value: factor >= 0 ? scaled / 10 ** factor : scaled * 10 ** -factor };
}

export function parseProduct(s: SectionView, referenceTime: Date): ProductDefinition {
  const template = s.u16(8);
  const category = s.u8(10);
  const number = s.u8(11);
  if (template > 15) {
    return { template, category, number, generatingProcess: null, forecastHour: NaN, level: null, statistics: null };
  }
  const unitHours = timeUnitHours(s.u8(18));
  const forecastHour = s.s32(19) * unitHours;
  const first = fixedSurface(s, 23);
  const second = fixedSurface(s, 29);
  const level: Level = {
    type: first.type,
    value: first.value,
    description: describeLevel(first.type, first.value, second.type, second.value),
    second: second.type === 255 ? null : second,
  };
  const statsAt = STATISTICS_AT[template];
  const statistics = statsAt === undefined ? null : parseStatistics(s, statsAt, referenceTime, forecastHour);
  return {
    template, category, number,
    generatingProcess: s.u8(12),
    forecastHour: statistics ? statistics.endHour : forecastHour,
    level, statistics,
  };
}

function parseStatistics(s: SectionView, at: number, referenceTime: Date, startHour: number): Statistics {
  const endTime = utcDate(s.u16(at), s.u8(at + 2), s.u8(at + 3), s.u8(at + 4), s.u8(at + 5), s.u8(at + 6), s.start);
  const count = s.u8(at + 7);
  const ranges: TimeRange[] = [];
  for (let k = 0; k < count; k++) {
    const o = at + 12 + 12 * k;
    const process = s.u8(o);
    ranges.push({
      process,
      processName: statisticalProcessName(process),
      incrementType: s.u8(o + 1),
      lengthHours: s.u32(o + 3) * timeUnitHours(s.u8(o + 2)),
      // NCEP writes unit 255 (missing) with a zero increment.
      incrementHours: s.u32(o + 8) === 0 ? 0 : s.u32(o + 8) * timeUnitHours(s.u8(o + 7)),
    });
  }
  const endHour = (endTime.getTime() - referenceTime.getTime()) / 3_600_000;
  const what = ranges.length > 0 ? ranges[0].processName : "statistical";
  return {
    startHour, endHour, endTime, ranges,
    missingCount: s.u32(at + 8),
    description: `${formatG(startHour)}-${formatG(endHour)} hour ${what} fcst`,
  };
}
