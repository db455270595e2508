// Generated code must match its sources: GraphQL SDL → src/generated/graphql, and the whole project
// must type-check in strict mode.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

it("generated GraphQL types are up to date with graphql/*.graphql (run `npm run codegen`)", () => {
  const out = mkdtempSync(join(tmpdir(), "pw-codegen-"));
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/@graphql-codegen/cli/cjs/bin.js"), "--config", "codegen.ts"], {
      cwd: ROOT,
      env: { ...process.env, CODEGEN_OUT: out },
      stdio: "pipe",
    });
    const committed = join(ROOT, "src/generated/graphql");
    const files = readdirSync(committed).sort();
    expect(readdirSync(out).sort()).toEqual(files);
    for (const f of files) {
      expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(committed, f), "utf8"));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

it("the project type-checks in strict mode", () => {
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"], { cwd: ROOT, stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: Buffer };
    expect.fail(`tsc reported errors:\n${err.stdout?.toString()}`);
  }
}, 180_000);
