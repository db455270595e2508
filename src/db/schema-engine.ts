// Prisma's schema engine compiled to WebAssembly, loaded by hand: the native engine is a download this
// machine cannot make, and importing the package directly fails on its `.wasm` import (see FACTS.md).
// We only use `diff` between datamodels: the engine connects to `connectionString` when it starts but
// reads nothing from it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
};

let enginePromise: Promise<Engine> | undefined;

async function loadEngine(datamodel: string, connectionString: string): Promise<Engine> {
  const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bgPath = join(pkgDir, "schema_engine_bg.js");
  const bg = await import(pathToFileURL(bgPath).href);
  const bytes = readFileSync(bgPath.replace(/\.js$/, ".wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  // The adapter is required by the constructor but never connects for datamodel-to-datamodel diffs.
  // Wrapped the way Prisma's CLI does it (its methods return {ok, value} results).
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  return bg.SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, () => {}, adapter);
}

export type DatamodelSource = { tag: "empty" } | { tag: "datamodel"; content: string };

function target(src: DatamodelSource) {
  return src.tag === "empty"
    ? { tag: "empty" }
    : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: src.content }] };
}

/** SQL that migrates a database shaped like `from` into one shaped like `to`. Empty string = no change. */
export async function diffDatamodels(
  from: DatamodelSource,
  to: DatamodelSource,
  connectionString: string,
): Promise<string> {
  const anyModel = to.tag === "datamodel" ? to.content : from.tag === "datamodel" ? from.content : "";
  enginePromise ??= loadEngine(anyModel, connectionString);
  const engine = await enginePromise;
  const res = await engine.diff({
    from: target(from),
    to: target(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = res.stdout ?? "";
  return /^\s*-- This is an empty migration\.\s*$/.test(sql) ? "" : sql;
}
