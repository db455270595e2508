// Write access: reads are open (seed 003: "same as app access"); every mutation needs
// `Authorization: Bearer $API_TOKEN` when API_TOKEN is set, and is refused otherwise unless
// ALLOW_ANONYMOUS_WRITES (default only for the embedded, single-machine mode).
import { createHash, timingSafeEqual } from "node:crypto";
import type { Config } from "../config.ts";

export interface Viewer {
  canWrite: boolean;
  /** Why writes are refused, in words a user can act on. */
  reason: string | null;
  /** UNAUTHENTICATED: a (valid) token would help; FORBIDDEN: writes are off on this server. */
  denial?: "UNAUTHENTICATED" | "FORBIDDEN";
  /** API_TOKEN is set: a bearer token is how to get (or keep) write access. */
  tokenAccepted: boolean;
}

function digest(s: string) {
  return createHash("sha256").update(s).digest();
}

/** Constant-time: both sides are hashed to equal length before comparing. */
function tokenMatches(given: string, expected: string) {
  return timingSafeEqual(digest(given), digest(expected));
}

export function viewerFor(config: Config, authorization: string | undefined): Viewer {
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim();
  if (config.API_TOKEN) {
    if (bearer && tokenMatches(bearer, config.API_TOKEN)) return { canWrite: true, reason: null, tokenAccepted: true };
    if (config.ALLOW_ANONYMOUS_WRITES === true && !bearer) return { canWrite: true, reason: null, tokenAccepted: true };
    return {
      canWrite: false,
      tokenAccepted: true,
      reason: bearer ? "invalid API token" : "this server requires `Authorization: Bearer <API_TOKEN>` for changes",
      denial: "UNAUTHENTICATED",
    };
  }
  const anonymous = config.ALLOW_ANONYMOUS_WRITES ?? !config.DATABASE_URL;
  return anonymous
    ? { canWrite: true, reason: null, tokenAccepted: false }
    : {
        canWrite: false,
        tokenAccepted: false,
        reason: "changes are disabled: set API_TOKEN (and send it as a Bearer token) or ALLOW_ANONYMOUS_WRITES=true",
        denial: "FORBIDDEN",
      };
}

/** A token bucket per client key: `perMinute` sustained, bursts up to a quarter of it. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private perMinute: number) {}

  take(key: string, now = Date.now()): boolean {
    const cap = Math.max(5, Math.ceil(this.perMinute / 4));
    const b = this.buckets.get(key) ?? { tokens: cap, at: now };
    b.tokens = Math.min(cap, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.buckets.clear(); // bounded memory under an address sweep
    return ok;
  }
}
