// The subset of JSON Schema that job-type arguments use (z.toJSONSchema output of the registry's
// zod schemas): an object of string / enum / integer / number / boolean fields, optional or
// required, with minimum/maximum, minLength/maxLength and pattern. Forms are generated from it and
// values are checked with the same constraints before anything is sent; the server checks again.

export interface FieldSchema {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  description?: string;
  title?: string;
}

export interface ObjectSchema {
  type?: "object";
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export interface Field {
  name: string;
  label: string;
  kind: "string" | "enum" | "integer" | "number" | "boolean" | "json";
  required: boolean;
  schema: FieldSchema;
}

/** `grid_size` → `Grid size`, `sleepMs` → `Sleep ms`. */
export function humanize(name: string): string {
  const words = name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldsOf(schema: unknown): Field[] {
  const s = (schema ?? {}) as ObjectSchema;
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, f]) => ({
    name,
    label: f.title ?? humanize(name),
    kind: f.enum ? "enum" : f.type === "string" || f.type === "integer" || f.type === "number" || f.type === "boolean" ? f.type : "json",
    required: required.has(name),
    schema: f,
  }));
}

/** Form state: every field as the text (or checkbox state) the user sees. */
export type FormValues = Record<string, string | boolean>;

export function initialValues(fields: Field[], prefill: Record<string, string> = {}): FormValues {
  const v: FormValues = {};
  for (const f of fields) {
    if (f.kind === "boolean") v[f.name] = prefill[f.name] === "true" || (prefill[f.name] == null && f.schema.default === true);
    else v[f.name] = prefill[f.name] ?? (f.schema.default == null ? "" : typeof f.schema.default === "object" ? JSON.stringify(f.schema.default) : String(f.schema.default));
  }
  return v;
}

/** A human hint for a field: `integer 1–16, default 4`, `one of fluvial, pluvial`, `pattern ^[A-Z]{2,3}$`. */
export function hintOf(f: Field): string {
  const s = f.schema;
  const parts: string[] = [];
  if (f.kind === "integer" || f.kind === "number") {
    const lo = s.minimum ?? s.exclusiveMinimum;
    const hi = s.maximum ?? s.exclusiveMaximum;
    parts.push(lo != null && hi != null ? `${f.kind} ${lo}–${hi}` : lo != null ? `${f.kind} ≥ ${lo}` : hi != null ? `${f.kind} ≤ ${hi}` : f.kind);
  }
  if (f.kind === "string") {
    if (s.pattern) parts.push(`format ${s.pattern}`);
    if (s.maxLength != null) parts.push(`at most ${s.maxLength} characters`);
  }
  if (f.kind === "json") parts.push("JSON value");
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  if (!f.required && s.default === undefined) parts.push("optional");
  return parts.join(", ");
}

/**
 * Checks form values against the schema. Empty optional fields are left out (the job type's
 * defaults apply); returns the args to send, or the errors per field.
 */
export function validate(fields: Field[], values: FormValues): { args: Record<string, unknown>; errors: Record<string, string> } {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = values[f.name];
    const s = f.schema;
    if (f.kind === "boolean") {
      if (raw === true || f.required || s.default !== undefined) args[f.name] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (!text) {
      if (f.required) errors[f.name] = "required";
      continue;
    }
    if (f.kind === "enum") {
      const match = s.enum!.find((e) => String(e) === text);
      if (match === undefined) errors[f.name] = `must be one of ${s.enum!.join(", ")}`;
      else args[f.name] = match;
      continue;
    }
    if (f.kind === "integer" || f.kind === "number") {
      const n = Number(text);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) || !Number.isFinite(n)) errors[f.name] = "must be a number";
      else if (f.kind === "integer" && !Number.isInteger(n)) errors[f.name] = "must be a whole number";
      else if (s.minimum != null && n < s.minimum) errors[f.name] = `must be at least ${s.minimum}`;
      else if (s.maximum != null && n > s.maximum) errors[f.name] = `must be at most ${s.maximum}`;
      else if (s.exclusiveMinimum != null && n <= s.exclusiveMinimum) errors[f.name] = `must be more than ${s.exclusiveMinimum}`;
      else if (s.exclusiveMaximum != null && n >= s.exclusiveMaximum) errors[f.name] = `must be less than ${s.exclusiveMaximum}`;
      else args[f.name] = n;
      continue;
    }
    if (f.kind === "json") {
      try {
        args[f.name] = JSON.parse(text);
      } catch {
        errors[f.name] = "must be valid JSON";
      }
      continue;
    }
    if (s.minLength != null && text.length < s.minLength) errors[f.name] = `must be at least ${s.minLength} characters`;
    else if (s.maxLength != null && text.length > s.maxLength) errors[f.name] = `must be at most ${s.maxLength} characters`;
    else if (s.pattern && !safeRegExp(s.pattern)?.test(text)) errors[f.name] = `must match ${s.pattern}`;
    else args[f.name] = text;
  }
  return { args, errors };
}

function safeRegExp(p: string): RegExp | null {
  try {
    return new RegExp(p, "u");
  } catch {
    return null;
  }
}

/** Maps the server's zod issues (`extensions.details.issues`) onto fields; the rest is general. */
export function issuesToErrors(details: unknown, fields: Field[]): { errors: Record<string, string>; rest: string[] } {
  const issues = (details as { issues?: { path?: PropertyKey[]; message?: string }[] } | undefined)?.issues ?? [];
  const names = new Set(fields.map((f) => f.name));
  const errors: Record<string, string> = {};
  const rest: string[] = [];
  for (const i of issues) {
    const key = String(i.path?.[0] ?? "");
    if (names.has(key)) errors[key] = i.message ?? "invalid";
    else rest.push(i.message ?? "invalid");
  }
  return { errors, rest };
}
