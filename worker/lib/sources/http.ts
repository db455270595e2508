/**
 * HTTP GETs for upstream sources (global fetch / undici) with an idle timeout per attempt and bounded
 * retries with exponential backoff and jitter. Only transient failures are retried: 5xx/408/429,
 * timeouts, connection errors, truncated or corrupt bodies. 404 and other 4xx fail at once.
 */
import type { FileHandle } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { ByteRange } from "./idx.ts";

export interface HttpPolicy {
  /** Total attempts per request (1 = no retry). */
  attempts: number;
  /** Backoff before retry n is min(maxDelayMs, baseDelayMs·2^(n-1)), scaled by a random 50–100 %. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Idle timeout: the longest wait for response headers or for the next body chunk. A total timeout would
   * have to be sized for the largest file on the slowest day; an idle one only catches stalls. */
  timeoutMs: number;
  /** Caller cancellation (e.g. job shutdown): aborts the request and stops retrying. */
  signal?: AbortSignal;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000, timeoutMs: 60_000 };

/** The upstream failed; `status` is the last HTTP status seen, if any. */
export class UpstreamError extends Error {
  override name = "UpstreamError";
  readonly url: string;
  readonly status?: number;
  attempts: number;
  constructor(message: string, opts: { url: string; status?: number; attempts: number; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.url = opts.url;
    this.status = opts.status;
    this.attempts = opts.attempts;
  }
}

/** HTTP 404: the file is not (or not yet) published. Never retried. */
export class UpstreamNotFoundError extends UpstreamError {
  override name = "UpstreamNotFoundError";
  constructor(url: string) {
    super(`HTTP 404 from ${url}: not found`, { url, status: 404, attempts: 1 });
  }
}

/** A failure worth retrying; `reason` completes "<reason> from <url> after N attempts". */
export class TransientError extends Error {
  override name = "TransientError";
  constructor(
    readonly reason: string,
    readonly status?: number,
    cause?: unknown,
  ) {
    super(reason, { cause });
  }
}

function backoffMs(policy: HttpPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling * (0.5 + Math.random() / 2);
}

/** Runs `fn` until it succeeds, throws a non-transient error, or the attempts are used up. */
export async function withRetries<T>(url: string, policy: HttpPolicy, fn: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      policy.signal?.throwIfAborted();
      if (err instanceof UpstreamError) {
        err.attempts = attempt;
        throw err;
      }
      if (!(err instanceof TransientError)) throw err;
      if (attempt >= policy.attempts) {
        const plural = attempt === 1 ? "attempt" : "attempts";
        throw new UpstreamError(`${err.reason} from ${url} after ${attempt} ${plural}`, {
          url,
          status: err.status,
          attempts: attempt,
          cause: err.cause ?? err,
        });
      }
      await sleep(backoffMs(policy, attempt), undefined, { signal: policy.signal });
    }
  }
}

export interface FetchResult {
  bytes: number;
  /** Byte range actually received (from Content-Range for 206s). */
  range: ByteRange & { end: number };
}

/**
 * One attempt: GETs `url` (optionally a byte range) and hands each body chunk to `sink`. Checks the status,
 * that a range request was answered with the matching Content-Range, and that the body is as long as
 * declared. Failures worth retrying throw TransientError.
 */
export async function fetchOnce(
  url: string,
  range: ByteRange | null,
  policy: HttpPolicy,
  sink: (chunk: Uint8Array) => Promise<void> | void,
): Promise<FetchResult> {
  const ctl = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, policy.timeoutMs);
  };
  const signal = policy.signal ? AbortSignal.any([ctl.signal, policy.signal]) : ctl.signal;
  // Network-level failures: ours (timeout) and the connection's are transient, the caller's abort is not.
  const networkError = (err: unknown, lost?: string): Error => {
    if (policy.signal?.aborted) return policy.signal.reason as Error;
    if (timedOut) return new TransientError(`timeout (no data for ${policy.timeoutMs} ms)`, undefined, err);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return new TransientError(lost ?? `connection error (${cause?.code ?? cause?.message ?? (err as Error).message})`, undefined, err);
  };

  arm();
  try {
    const headers: Record<string, string> = { "accept-encoding": "identity" }; // byte counts must be raw
    if (range) headers.range = `bytes=${range.start}-${range.end ?? ""}`;
    const res = await fetch(url, { headers, signal, redirect: "follow" }).catch((err) => {
      throw networkError(err);
    });
    arm();

    const status = res.status;
    if (status === 404) throw new UpstreamNotFoundError(url);
    if (status >= 500 || status === 408 || status === 429) throw new TransientError(`HTTP ${status}`, status);
    if (range && status === 200) throw new UpstreamError(`server ignored the Range request (HTTP 200) from ${url}`, { url, status, attempts: 1 });
    if (status !== 200 && status !== 206) throw new UpstreamError(`HTTP ${status} from ${url}`, { url, status, attempts: 1 });

    const declared = res.headers.get("content-length");
    let expected = declared === null ? null : Number(declared);
    let got: FetchResult["range"] = { start: 0, end: -1 };
    if (status === 206) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get("content-range") ?? "");
      const want = range ?? { start: 0, end: null };
      if (!m || Number(m[1]) !== want.start || (want.end !== null && Number(m[2]) !== want.end))
        throw new UpstreamError(
          `Content-Range ${JSON.stringify(res.headers.get("content-range"))} does not match requested bytes=${want.start}-${want.end ?? ""} from ${url}`,
          { url, status, attempts: 1 },
        );
      got = { start: Number(m[1]), end: Number(m[2]) };
      const len = got.end - got.start + 1;
      if (expected !== null && expected !== len) throw new TransientError(`Content-Length ${expected} disagrees with Content-Range (${len} bytes)`, status);
      expected = len;
    }

    let received = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read().catch((err) => {
          const lost = expected === null ? undefined : `truncated body (connection lost after ${received} of ${expected} bytes)`;
          throw networkError(err, lost);
        });
        if (done) break;
        received += value.byteLength;
        clearTimeout(timer); // time spent writing to disk is not upstream idleness
        await sink(value);
        arm();
      }
    }
    if (expected !== null && received !== expected)
      throw new TransientError(`truncated body (got ${received} of ${expected} bytes)`, status);
    if (status === 200) got = { start: 0, end: received - 1 };
    return { bytes: received, range: got };
  } finally {
    clearTimeout(timer);
    ctl.abort(); // releases the connection if we stopped before the end of the body
  }
}

/** GET a (small) text resource with retries. */
export async function getText(url: string, policy: HttpPolicy): Promise<string> {
  return withRetries(url, policy, async () => {
    const chunks: Uint8Array[] = [];
    await fetchOnce(url, null, policy, (c) => void chunks.push(c));
    return Buffer.concat(chunks).toString("utf8");
  });
}

/** One attempt of streaming `url` (or a range of it) into `fh` starting at `position`. */
export async function fetchToFile(url: string, range: ByteRange | null, policy: HttpPolicy, fh: FileHandle, position: number): Promise<FetchResult> {
  let at = position;
  return fetchOnce(url, range, policy, async (chunk) => {
    // A chunk may be written partially; loop until all of it is on disk.
    for (let off = 0; off < chunk.byteLength; ) {
      const { bytesWritten } = await fh.write(chunk, off, chunk.byteLength - off, at);
      off += bytesWritten;
      at += bytesWritten;
    }
  });
}
