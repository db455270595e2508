// Apollo plugin: mutations need write access (see auth.ts) and are rate-limited per client.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphQLContext } from "../graphql/context.ts";
import type { RateLimiter } from "./auth.ts";

export function writeGuardPlugin(limiter: RateLimiter): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const { viewer } = contextValue;
          if (!viewer.canWrite) {
            const unauth = viewer.denial === "UNAUTHENTICATED";
            throw new GraphQLError(viewer.reason ?? "forbidden", {
              extensions: { code: unauth ? "UNAUTHENTICATED" : "FORBIDDEN", http: { status: unauth ? 401 : 403 } },
            });
          }
          const key = (contextValue as GraphQLContext & { clientKey?: string }).clientKey ?? "unknown";
          if (!limiter.take(key)) {
            throw new GraphQLError("too many changes from this client; slow down and retry in a few seconds", {
              extensions: { code: "RATE_LIMITED", http: { status: 429 } },
            });
          }
        },
      };
    },
  };
}
