import { defineConfig } from "vitest/config";

// Two projects: `unit` needs nothing but files on disk; `integration` gets a fresh
// Postgres database per run from test/global-setup.ts (DATABASE_URL, else embedded).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: suites start real servers, workers and browsers.
    maxWorkers: 2,
    // expect.poll waits for real processes and pages under CI load; its 1 s default was a source of
    // flakes. Waiting longer never makes an assertion pass that should fail.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
