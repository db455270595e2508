import type { Resolvers } from "../../generated/graphql/resolvers.ts";
import { health } from "../../domain/health.ts";

export const healthResolvers: Resolvers = {
  Query: {
    health: (_p, _a, { services }) => health(services.db, services.heartbeatMs, services.version),
    viewer: (_p, _a, { viewer }) => viewer,
  },
};
