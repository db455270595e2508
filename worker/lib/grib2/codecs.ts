// Image codecs used by GRIB2 packings 5.40 (JPEG 2000) and 5.41 (PNG). Both return the packed
// integers X; scaling to physical values is shared with simple packing (see unpack.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { decode as decodePngImage } from "fast-png";
import { unpackBits, padded } from "./bits.ts";
import { Grib2FormatError, Grib2UnsupportedError } from "./errors.ts";

export function decodePng(bytes: Uint8Array, count: number): Uint32Array {
  let img;
  try {
    img = decodePngImage(bytes);
  } catch (e) {
    throw new Grib2FormatError(`PNG (template 5.41) data cannot be decoded: ${(e as Error).message}`);
  }
  const { width, height, depth, channels, data } = img;
  if (width * height !== count) throw new Grib2FormatError(`PNG image has ${width}×${height} pixels, expected ${count} values`);
  const out = new Uint32Array(count);
  if (depth < 8) {
    // fast-png keeps sub-byte samples packed, each row padded to a whole byte.
    const rowBytes = Math.ceil((width * depth) / 8);
    const src = padded(data as Uint8Array);
    for (let r = 0; r < height; r++) unpackBits(src, r * rowBytes * 8, depth, width, out, r * width);
    return out;
  }
  if (channels === 1) {
    out.set(data);
    return out;
  }
  if (depth !== 8 || (channels !== 3 && channels !== 4)) {
    throw new Grib2UnsupportedError(`unsupported PNG layout in template 5.41: ${channels} channels of ${depth} bits`);
  }
  // 24- and 32-bit values are stored big-endian across the RGB(A) samples of one pixel.
  for (let k = 0, p = 0; k < count; k++) {
    let v = 0;
    for (let c = 0; c < channels; c++) v = v * 256 + data[p++];
    out[k] = v;
  }
  return out;
}

interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
}

let openjpeg: OpenJpegModule | undefined;

/**
 * Instantiates the OpenJPEG WebAssembly decoder synchronously (Emscripten's `instantiateWasm`
 * hook lets us hand it an already-built instance), so Grib2Field.decode() can stay synchronous.
 */
function loadOpenJpeg(): OpenJpegModule {
  if (openjpeg) return openjpeg;
  const require = createRequire(import.meta.url);
  const factory = require("@cornerstonejs/codec-openjpeg/decodewasmjs") as (arg: object) => Promise<unknown>;
  const wasm = new WebAssembly.Module(readFileSync(require.resolve("@cornerstonejs/codec-openjpeg/decodewasm")));
  const mod: Partial<OpenJpegModule> & Record<string, unknown> = {
    print: () => {},
    printErr: () => {},
    instantiateWasm(imports: WebAssembly.Imports, done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      const instance = new WebAssembly.Instance(wasm, imports);
      done(instance, wasm);
      return instance.exports;
    },
  };
  void factory(mod);
  if (typeof mod.J2KDecoder !== "function") throw new Grib2UnsupportedError("unsupported packing template 5.40 (OpenJPEG decoder failed to load)");
  openjpeg = mod as OpenJpegModule;
  return openjpeg;
}

export function decodeJpeg2000(bytes: Uint8Array, count: number): Uint32Array {
  const decoder = new (loadOpenJpeg().J2KDecoder)();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    try {
      decoder.decode();
    } catch (e) {
      openjpeg = undefined; // an Emscripten abort leaves the module unusable: start afresh next time
      throw new Grib2FormatError(`JPEG 2000 (template 5.40) data cannot be decoded: ${String(e)}`);
    }
    const info = decoder.getFrameInfo();
    if (info.componentCount !== 1) throw new Grib2UnsupportedError(`unsupported JPEG 2000 image with ${info.componentCount} components`);
    if (info.width * info.height !== count) throw new Grib2FormatError(`JPEG 2000 image has ${info.width}×${info.height} pixels, expected ${count} values`);
    const buf = decoder.getDecodedBuffer();
    const out = new Uint32Array(count);
    if (info.bitsPerSample <= 8) out.set(buf.subarray(0, count));
    else if (info.bitsPerSample <= 16) out.set(new Uint16Array(buf.slice(0, 2 * count).buffer)); // copy: heap offset may be odd
    else throw new Grib2UnsupportedError(`unsupported JPEG 2000 sample depth ${info.bitsPerSample} bits`);
    return out;
  } finally {
    decoder.delete();
  }
}
