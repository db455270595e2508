// The executable schema: SDL files from graphql/ plus the resolver maps. Shared by Apollo (HTTP)
// and graphql-ws (subscriptions) so both speak exactly the same API.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { mergeResolvers } from "@graphql-tools/merge";
import { jobResolvers } from "./resolvers/jobs.ts";
import { pipelineResolvers } from "./resolvers/pipelines.ts";
import { healthResolvers } from "./resolvers/health.ts";
import { etlResolvers } from "./resolvers/etl.ts";
import { weatherResolvers } from "./resolvers/weather.ts";

const SDL_DIR = resolve(import.meta.dirname, "../../graphql");

export function loadTypeDefs(): string[] {
  return readdirSync(SDL_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(join(SDL_DIR, f), "utf8"));
}

const DateTime = new GraphQLScalarType({
  name: "DateTime",
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(v as string).toISOString()),
  parseValue: (v) => {
    const d = new Date(v as string);
    if (typeof v !== "string" || Number.isNaN(d.getTime())) throw new GraphQLError("DateTime must be an ISO-8601 string");
    return d;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) {
      throw new GraphQLError("DateTime must be an ISO-8601 string");
    }
    return new Date(ast.value);
  },
});

function literalToJson(ast: ValueNode, vars?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, vars));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, vars)]));
    case Kind.VARIABLE:
      return vars?.[ast.name.value];
    default:
      throw new GraphQLError("unsupported JSON literal");
  }
}

const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, vars) => literalToJson(ast, vars),
});

export function buildSchema() {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: mergeResolvers([
      { DateTime, JSON: JSONScalar },
      healthResolvers,
      jobResolvers,
      pipelineResolvers,
      weatherResolvers,
      etlResolvers,
    ] as never[]),
  });
}
