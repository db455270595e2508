// Turns expected domain failures into GraphQL errors with a code; everything else is masked.
import { GraphQLError } from "graphql";
import { ServiceError } from "../domain/errors.ts";
import { logger } from "../logger.ts";

const log = logger("graphql");

export function toGraphQLError(e: unknown): GraphQLError {
  if (e instanceof GraphQLError) return e;
  if (e instanceof ServiceError) {
    return new GraphQLError(e.message, { extensions: { code: e.code, ...(e.details ? { details: e.details } : {}) } });
  }
  log.error("unexpected resolver error", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return new GraphQLError("Internal server error", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

/** Wraps a resolver so ServiceErrors become coded GraphQL errors. */
export function guard<A extends unknown[], R>(fn: (...a: A) => Promise<R> | R) {
  return async (...a: A): Promise<R> => {
    try {
      return await fn(...a);
    } catch (e) {
      throw toGraphQLError(e);
    }
  };
}
