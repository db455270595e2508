// Minimal levelled logger: one line per event, JSON-ish context, to stderr so stdout stays for CLIs.
const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

const threshold = levels[(process.env.LOG_LEVEL as Level) ?? "info"] ?? levels.info;

function emit(level: Level, scope: string, msg: string, ctx?: Record<string, unknown>) {
  if (levels[level] < threshold) return;
  const extra = ctx ? " " + JSON.stringify(ctx, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) : "";
  process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${msg}${extra}\n`);
}

export function logger(scope: string) {
  return {
    debug: (msg: string, ctx?: Record<string, unknown>) => emit("debug", scope, msg, ctx),
    info: (msg: string, ctx?: Record<string, unknown>) => emit("info", scope, msg, ctx),
    warn: (msg: string, ctx?: Record<string, unknown>) => emit("warn", scope, msg, ctx),
    error: (msg: string, ctx?: Record<string, unknown>) => emit("error", scope, msg, ctx),
  };
}
export type Logger = ReturnType<typeof logger>;
