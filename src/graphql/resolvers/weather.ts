// Inventory, resources and alerts: thin resolvers over the domain read models.
import type { Resolvers } from "../../generated/graphql/resolvers.ts";
import { weatherInventory } from "../../domain/inventory.ts";
import { diskUsageSummary } from "../../domain/resources.ts";
import { statusDeep } from "../../domain/status-deep.ts";
import { listAssets, listRuns } from "../../domain/runs.ts";
import { ModelKeySchema } from "../../domain/weather/models.ts";
import { ServiceError } from "../../domain/errors.ts";
import { guard } from "../errors.ts";

function model(m: string | null | undefined) {
  if (m == null) return undefined;
  const r = ModelKeySchema.safeParse(m);
  if (!r.success) throw new ServiceError(`unknown model "${m}"; valid models: ${ModelKeySchema.options.join(", ")}`, "BAD_USER_INPUT");
  return r.data;
}

export const weatherResolvers: Resolvers = {
  Query: {
    inventory: guard(async (_p, a, { services }) =>
      (await weatherInventory(services.db, { model: model(a.model), limit: a.limit ?? 20 })).map((r) => ({
        ...r,
        completeness: `${r.haveHours.length}/${r.expectedHours.length}`,
      })),
    ),
    diskUsage: guard((_p, _a, { services }) => diskUsageSummary(services.db)),
    alerts: guard(async (_p, _a, { services }) => (await statusDeep(services.db, services.config)).alerts),
    runs: guard((_p, a, { services }) => listRuns(services.db, a.pipeline, a.source ?? undefined, a.first ?? 50)),
    assets: guard((_p, a, { services }) => listAssets(services.db, a.pipeline, a.kind ?? undefined, a.first ?? 50)),
  },
};
