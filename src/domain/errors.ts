// Expected failures: turned into GraphQL errors with a code, or HTTP 4xx at REST edges.
export type ServiceErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "UNAUTHENTICATED";

const HTTP_STATUS: Record<ServiceErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly code: ServiceErrorCode,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ServiceError";
  }
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** Formats zod issues as `path: message` lines a user can act on. */
export function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
}
