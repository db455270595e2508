// `npm run codegen`: the SDL in graphql/ generates resolver types and typed client documents.
// CODEGEN_OUT lets the staleness test generate into a temp dir and compare.
import type { CodegenConfig } from "@graphql-codegen/cli";

const out = process.env.CODEGEN_OUT ?? "src/generated/graphql";

const config: CodegenConfig = {
  schema: "graphql/*.graphql",
  documents: "graphql/operations/*.graphql",
  silent: true,
  generates: {
    [`${out}/resolvers.ts`]: {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        contextType: "../../graphql/context.ts#GraphQLContext",
        useTypeImports: true,
        scalars: { DateTime: "Date", JSON: "unknown" },
        mappers: {
          Job: "../prisma/client.ts#Job as JobModel",
          Worker: "../prisma/client.ts#Worker as WorkerModel",
          Pipeline: "../../graphql/resolvers/pipelines.ts#PipelineView",
          Phase: "../../graphql/resolvers/pipelines.ts#PhaseView",
        },
        enumsAsTypes: true,
      },
    },
    [`${out}/operations.ts`]: {
      plugins: ["typescript-operations", "typed-document-node"],
      config: { useTypeImports: true, scalars: { DateTime: "string", JSON: "unknown" }, enumsAsTypes: true },
    },
  },
};
export default config;
