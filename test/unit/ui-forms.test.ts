// The submit forms' JSON Schema handling and the dashboards' formatting, against the registry's
// real schemas (the same JSON Schema the GraphQL `jobTypes { argsSchema }` serves).
import { describe, expect, it } from "vitest";
import { JOB_TYPES, argsJsonSchema } from "../../src/domain/registry.ts";
import { fieldsOf, hintOf, initialValues, issuesToErrors, validate } from "../../src/ui/json-schema.ts";
import { formatEta, formatHours, formatRate, formatRelative } from "../../src/ui/format.ts";

const fields = (t: keyof typeof JOB_TYPES) => fieldsOf(argsJsonSchema(JOB_TYPES[t]));

describe("forms from job-type JSON Schema", () => {
  it("derives field kinds, requiredness, defaults and hints", () => {
    const f = fields("process_fathom_merge");
    expect(f.map((x) => [x.name, x.kind, x.required])).toEqual([
      ["region", "string", false],
      ["grid_size", "integer", false],
      ["limit", "integer", false],
    ]);
    expect(initialValues(f)).toEqual({ region: "", grid_size: "4", limit: "" });
    expect(initialValues(f, { region: "GH" }).region).toBe("GH");
    expect(hintOf(f[1]!)).toBe("integer 1–16, default 4");
    expect(fields("ScanSource")[0]).toMatchObject({ name: "model", kind: "enum", required: true });
    expect(fields("Diagnostic").map((x) => x.label)).toEqual(["Sleep ms", "Steps", "Fail"]);
  });

  it("checks values with the schema's own constraints and leaves empty optional fields out", () => {
    const f = fields("process_fathom_stack");
    expect(validate(f, { region: "gh", flood_type: "", limit: "0" }).errors).toEqual({ region: "must match ^[A-Z]{2,3}$", limit: "must be at least 1" });
    expect(validate(f, { region: "GH", flood_type: "tidal", limit: "2.5" }).errors).toEqual({ flood_type: "must be one of fluvial, pluvial, coastal", limit: "must be a whole number" });
    expect(validate(f, { region: "GH", flood_type: "fluvial", limit: "" })).toEqual({ args: { region: "GH", flood_type: "fluvial" }, errors: {} });
    expect(validate(fields("ScanSource"), { model: "" }).errors).toEqual({ model: "required" });
    expect(validate(fields("Diagnostic"), { sleepMs: "1e3", steps: "x", fail: "" })).toEqual({ args: { sleepMs: 1000 }, errors: { steps: "must be a number" } });
    // What passes here, the server's zod schema accepts too.
    const ok = validate(fields("process_fathom_merge"), { region: "CI", grid_size: "8", limit: "" });
    expect(JOB_TYPES.process_fathom_merge.args.safeParse(ok.args).success).toBe(true);
  });

  it("puts the server's zod issues on their fields", () => {
    const f = fields("inventory_fathom_container");
    const details = { issues: [{ path: ["container"], message: "must be a relative path" }, { path: [], message: 'Unrecognized key: "x"' }] };
    expect(issuesToErrors(details, f)).toEqual({ errors: { container: "must be a relative path" }, rest: ['Unrecognized key: "x"'] });
    expect(issuesToErrors(undefined, f)).toEqual({ errors: {}, rest: [] });
  });
});

describe("dashboard formatting", () => {
  it("writes hours like the seed, with ranges when many", () => {
    expect(formatHours([4, 5])).toBe("h04, h05");
    expect(formatHours([7, 4, 5, 6])).toBe("h04–h07");
    expect(formatHours([0, 1, 2, 3, 9, 12, 13, 14, 15, 20, 21])).toBe("h00–h03, h09, h12–h15, h20, h21");
  });

  it("formats rates, ETAs and relative times", () => {
    expect(formatRate(42.4)).toBe("42/hr");
    expect(formatRate(1250, "files")).toBe("1,250 files/hr");
    expect(formatRate(0.5)).toBe("0.5/hr");
    expect(formatEta(93.2)).toBe("~93 hours");
    expect(formatEta(0.25)).toBe("~15 min");
    expect(formatEta(null)).toBe("—");
    const now = Date.parse("2026-01-06T12:00:00Z");
    expect(formatRelative("2026-01-06T11:57:00Z", now)).toBe("3 min ago");
    expect(formatRelative("2026-01-06T12:00:05Z", now)).toBe("just now");
    expect(formatRelative("2026-01-05T06:00:00Z", now)).toBe("30 h ago");
  });
});
