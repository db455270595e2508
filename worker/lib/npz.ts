/**
 * NumPy `.npz` files: a zip of `.npy` arrays, readable with `numpy.load`. We write format 1.0, little-endian
 * float32/float64 in C order, which is all the tiles need; `readNpz` also accepts format 2.0 and the
 * deflated members `numpy.savez_compressed` writes. Typed arrays are stored as-is: every platform Node
 * runs on here is little-endian.
 */
import { unzipSync, zipSync, type Zippable } from "fflate";
import { writeFileAtomic } from "./storage.ts";

export interface NpyArray {
  data: Float32Array | Float64Array;
  shape: number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function descrOf(data: NpyArray["data"]): "<f4" | "<f8" {
  if (data instanceof Float32Array) return "<f4";
  if (data instanceof Float64Array) return "<f8";
  throw new TypeError("npy data must be a Float32Array or Float64Array");
}

export function encodeNpy({ data, shape }: NpyArray): Uint8Array {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`invalid shape [${shape}]`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`shape [${shape}] needs ${count} values, got ${data.length}`);
  const shapeStr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descrOf(data)}', 'fortran_order': False, 'shape': ${shapeStr}, }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64 and
  // ended by '\n', so the data starts aligned (the spec asks for 16; numpy itself pads to 64).
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, " ") + "\n";
  if (header.length > 0xffff) throw new Error("npy header too long for format 1.0");
  const out = new Uint8Array(total + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1; // major
  out[7] = 0; // minor
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  return out;
}

export function decodeNpy(buf: Uint8Array, name = "array"): NpyArray {
  const bad = (why: string) => new Error(`${name}.npy: ${why}`);
  if (buf.length < 10 || MAGIC.some((b, i) => buf[i] !== b)) throw bad("not an npy file (bad magic)");
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const major = buf[6];
  if (major !== 1 && major !== 2) throw bad(`unsupported npy format ${major}.${buf[7]}`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder("latin1").decode(buf.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeStr = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeStr === undefined) throw bad(`unreadable header ${header.trim()}`);
  if (fortran === "True") throw bad("Fortran-ordered arrays are not supported");
  const shape = shapeStr.split(",").map((s) => s.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const width = descr === "<f4" ? 4 : descr === "<f8" ? 8 : 0;
  if (!width) throw bad(`unsupported dtype ${descr} (only <f4, <f8)`);
  const dataStart = start + headerLen;
  if (buf.length - dataStart !== count * width) throw bad(`expected ${count * width} data bytes, found ${buf.length - dataStart}`);
  // Copy: the payload's offset inside the zip member need not be aligned for a typed-array view.
  const bytes = buf.slice(dataStart);
  return { data: width === 4 ? new Float32Array(bytes.buffer) : new Float64Array(bytes.buffer), shape };
}

export function encodeNpz(arrays: Record<string, NpyArray>, opts: { compress?: boolean } = {}): Uint8Array {
  const files: Zippable = {};
  for (const [name, arr] of Object.entries(arrays)) {
    if (!NAME_RE.test(name)) throw new Error(`invalid npz array name ${JSON.stringify(name)}`);
    files[`${name}.npy`] = [encodeNpy(arr), { level: opts.compress ? 6 : 0 }];
  }
  return zipSync(files);
}

/** Writes an `.npz` atomically (temp file + rename). Stored uncompressed unless `compress`. */
export async function writeNpz(file: string, arrays: Record<string, NpyArray>, opts: { compress?: boolean } = {}): Promise<void> {
  await writeFileAtomic(file, encodeNpz(arrays, opts));
}

export function readNpz(buf: Uint8Array): Record<string, NpyArray> {
  const out: Record<string, NpyArray> = {};
  for (const [member, bytes] of Object.entries(unzipSync(buf))) {
    if (!member.endsWith(".npy")) continue;
    const name = member.slice(0, -4);
    out[name] = decodeNpy(bytes, name);
  }
  return out;
}
