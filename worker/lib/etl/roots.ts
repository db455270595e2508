// Where ETL inputs (bronze) and outputs (silver) live. Job args carry paths relative to these roots;
// resolveInside checks them again on disk, refusing `..` and symlinks that lead out of a root.
import path from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { PathOutsideRootError, resolveInside } from "../storage.ts";
import { PermanentError } from "../../errors.ts";

export interface EtlRoots {
  bronze: string;
  silver: string;
}

export function etlRoots(env: NodeJS.ProcessEnv = process.env): EtlRoots {
  const config = loadConfig(env);
  return { bronze: path.resolve(config.BRONZE_DIR), silver: path.resolve(config.SILVER_DIR) };
}

/** resolveInside for job input: a path outside its root is the caller's mistake, never worth a retry. */
export function insideRoot(root: string, ...parts: string[]): string {
  try {
    return resolveInside(root, ...parts);
  } catch (e) {
    if (e instanceof PathOutsideRootError) throw new PermanentError(e.message);
    throw e;
  }
}

/** A path under `root` written the way assets store it: relative, with forward slashes. */
export function relativeTo(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}
