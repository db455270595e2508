// The NOMADS client as configured by the environment (attempts, backoff, timeout).
import { loadConfig } from "../../../src/config.ts";
import { NomadsClient } from "./nomads.ts";

export function nomadsClient(): NomadsClient {
  const c = loadConfig();
  return new NomadsClient({
    http: { attempts: c.UPSTREAM_ATTEMPTS, baseDelayMs: c.UPSTREAM_RETRY_DELAY_MS, timeoutMs: c.UPSTREAM_TIMEOUT_MS },
  });
}
