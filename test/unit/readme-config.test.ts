// The README's configuration table must name every environment variable src/config.ts reads.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

it("documents every configuration variable", () => {
  const config = readFileSync(resolve(ROOT, "src/config.ts"), "utf8");
  const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
  const vars = [...config.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
  expect(vars.length).toBeGreaterThan(20);
  const missing = vars.filter((v) => !readme.includes(`| \`${v}\` |`));
  expect(missing).toEqual([]);
});
