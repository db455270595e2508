/** The bytes are not a well-formed GRIB2 message (wrong edition, truncated, inconsistent lengths). */
export class Grib2FormatError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = "Grib2FormatError";
  }
}

/** Well-formed GRIB2 that uses a template or feature this decoder does not implement. */
export class Grib2UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Grib2UnsupportedError";
  }
}
