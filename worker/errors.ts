// Errors a task handler throws to steer retries.

/**
 * The input itself is bad (a corrupt or missing file, a path outside its root): retrying cannot
 * help, so the job fails at once instead of burning its remaining attempts with backoff.
 */
export class PermanentError extends Error {
  override name = "PermanentError";
}
