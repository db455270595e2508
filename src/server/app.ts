// The HTTP server: Apollo (POST /graphql), graphql-ws (WS /graphql), REST routes, and Next.js for
// pages — one port. Built from explicit dependencies so tests can start as many as they like.
import { createServer, type Server } from "node:http";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { Config } from "../config.ts";
import type { Db } from "../db/prisma.ts";
import { EventHub } from "../domain/events.ts";
import { JobFeed, SharedFeed } from "../domain/feeds.ts";
import { queueStats, type QueueStats } from "../domain/job-queries.ts";
import { phaseProgress, type PhaseProgress } from "../domain/phase-progress.ts";
import { buildSchema } from "../graphql/schema.ts";
import type { GraphQLContext, Services } from "../graphql/context.ts";
import { toGraphQLError } from "../graphql/errors.ts";
import { costLimitRule } from "../graphql/limits.ts";
import { Channel } from "../domain/channel.ts";
import { RateLimiter, viewerFor } from "./auth.ts";
import { createMetrics } from "./metrics.ts";
import { writeGuardPlugin } from "./write-guard.ts";
import type { IncomingMessage } from "node:http";
import { GraphQLError, getOperationAST, parse, specifiedRules, validate } from "graphql";
import { restRouter } from "./rest.ts";
import { logger } from "../logger.ts";

const log = logger("server");

export interface AppOptions {
  db: Db;
  config: Config;
  connectionString: string;
  heartbeatMs: number;
  feedIntervalMs: number;
  version: string;
  /** Next.js request handler and upgrade handler; omitted = API only. */
  next?: {
    handle: (req: express.Request, res: express.Response) => Promise<void>;
    upgrade: (req: any, socket: any, head: any) => Promise<void> | void;
  };
}

export interface App {
  server: Server;
  services: Services;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** Low-cardinality route label for HTTP metrics. */
function routeLabel(path: string): string {
  if (path === "/graphql" || path === "/metrics") return path;
  if (path.startsWith("/api/")) return path.split("/").slice(0, 4).join("/");
  if (path.startsWith("/_next/")) return "/_next";
  return "page";
}

export async function createApp(opts: AppOptions): Promise<App> {
  const hub = new EventHub(opts.connectionString);
  await hub.start();
  const phaseFeeds = new Map<string, SharedFeed<PhaseProgress[]>>();
  const services: Services = {
    db: opts.db,
    config: opts.config,
    heartbeatMs: opts.heartbeatMs,
    version: opts.version,
    jobFeed: new JobFeed(hub, opts.db, opts.feedIntervalMs),
    queueFeed: new SharedFeed<QueueStats>(
      hub,
      () => queueStats(opts.db, opts.heartbeatMs),
      (e) => e.k === "job" || e.k === "worker",
      opts.feedIntervalMs,
    ),
    phaseFeed(pipeline) {
      let feed = phaseFeeds.get(pipeline);
      if (!feed) {
        feed = new SharedFeed(
          hub,
          () => phaseProgress(opts.db, pipeline),
          (e) => (e.k === "phase" && e.p === pipeline) || (e.k === "job" && e.row?.pipelineKey === pipeline),
          opts.feedIntervalMs,
        );
        phaseFeeds.set(pipeline, feed);
      }
      return feed;
    },
  };

  const schema = buildSchema();
  const app = express();
  app.disable("x-powered-by");
  const server = createServer(app);

  const metrics = createMetrics(services, hub);
  const limiter = new RateLimiter(opts.config.MUTATION_RATE_PER_MINUTE);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const wsViewer = (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: { request: IncomingMessage } }) =>
    viewerFor(opts.config, (ctx.connectionParams?.authorization as string | undefined) ?? ctx.extra.request.headers.authorization);
  const wsCleanup = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      context: (ctx): GraphQLContext => ({ services, viewer: wsViewer(ctx) }),
      // Same limits and write rules as HTTP: validate here with our extra rules.
      onSubscribe: (ctx, _id, payload) => {
        let doc;
        try {
          doc = parse(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
        }
        const errors = validate(schema, doc, [...specifiedRules, costLimitRule]);
        if (errors.length) return errors;
        const op = getOperationAST(doc, payload.operationName);
        if (op?.operation === "mutation") {
          const viewer = wsViewer(ctx);
          if (!viewer.canWrite) return [new GraphQLError(viewer.reason ?? "forbidden", { extensions: { code: "FORBIDDEN" } })];
        }
        return undefined;
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.warn("subscription error", { errors: errors.map((e) => e.message) });
      },
    },
    wss,
  );
  // Our own upgrade routing: /graphql to graphql-ws, anything else (Next's HMR) to Next.
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/graphql") {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    } else if (opts.next) {
      void opts.next.upgrade(req, socket, head);
    } else {
      socket.destroy();
    }
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), writeGuardPlugin(limiter)],
    // main.ts owns SIGINT/SIGTERM (worker first, then this server). Apollo's own handler would start a
    // second stop(); a stop() called while another drains waits on a barrier that a successful stop
    // never resolves (@apollo/server 5.5), so `close()` hung until the 60 s force-exit.
    stopOnTerminationSignals: false,
    validationRules: [costLimitRule],
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code && code !== "INTERNAL_SERVER_ERROR") return formatted;
      const orig = (error as { originalError?: unknown })?.originalError;
      return orig ? toGraphQLError(orig).toJSON() : formatted;
    },
  });
  await apollo.start();

  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on("finish", () => end({ route: routeLabel(req.path), status: String(res.statusCode) }));
    next();
  });
  app.get("/metrics", async (_req, res) => {
    metrics.subscriptions.set(Channel.open);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use("/api", restRouter(services));
  const httpContext = async ({ req }: { req: express.Request }): Promise<GraphQLContext> => ({
    services,
    viewer: viewerFor(opts.config, req.headers.authorization),
    clientKey: req.ip ?? "unknown",
  } as GraphQLContext);
  app.post("/graphql", express.json({ limit: "1mb" }), expressMiddleware(apollo, { context: httpContext }));
  app.get("/graphql", (req, res, next) => {
    // Browsers asking for HTML get the playground page; GraphQL GET requests go to Apollo.
    if (req.accepts(["application/json", "text/html"]) === "text/html" && !req.query.query) {
      return res.redirect(302, "/playground");
    }
    next();
  });
  app.get("/graphql", expressMiddleware(apollo, { context: httpContext }));
  if (opts.next) {
    const next = opts.next;
    app.all("/{*splat}", (req, res) => void next.handle(req, res));
  }
  // Malformed JSON bodies and other client errors: a clear 4xx, never a 500 with a stack.
  app.use((err: any, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error("unhandled request error", { error: String(err?.stack ?? err) });
    res.status(status).json({ error: status === 500 ? "internal server error" : String(err.message ?? "bad request") });
  });

  return {
    server,
    services,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      }),
    async close() {
      await wsCleanup.dispose();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await apollo.stop(); // drains HTTP connections
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
      await hub.stop();
    },
  };
}
