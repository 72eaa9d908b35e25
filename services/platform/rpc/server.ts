import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { DescService } from "@bufbuild/protobuf";
import { createConnectRouter, createContextValues, type ConnectRouter, type Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { universalServerRequestFromFetch, universalServerResponseToFetch, type UniversalHandler } from "@connectrpc/connect/protocol";
import { Elysia, type AnyElysia } from "elysia";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { peerAddressKey } from "../request-context";
import { requireCanonicalJson } from "./canonical-json";
import { registerReflection } from "./reflection";

/** Unknown JSON fields are an error (InvalidArgument), not silently dropped. */
export const strictJson = { ignoreUnknownFields: false } as const;

/** Routes registers a service's handlers on a Connect router. */
export type Routes = (router: ConnectRouter) => void;

/** ReadinessCheck reports whether one dependency is reachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface RpcServerOptions {
  name: string;
  host: string;
  port: number;
  grpcPort: number;
  logger: Logger;
  metrics: Metrics;
  interceptors: Interceptor[];
  routes: Routes;
  /** The services routes registers, listed by gRPC reflection. */
  services: DescService[];
  readiness?: ReadinessCheck[];
  /** Extra HTTP routes (web app, MCP) added to the Elysia app before it listens. */
  extendHttp?: (app: AnyElysia) => AnyElysia;
}

/** RpcServer is a running pair of listeners: HTTP/1.1 (Connect, gRPC-Web, health) and HTTP/2 (gRPC). */
export interface RpcServer {
  httpPort: number;
  grpcPort: number;
  close(): Promise<void>;
}

async function readiness(checks: ReadinessCheck[]): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: Timer | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timed out after 2s")), 2000))),
        ]);
        return [name, "ok"] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, state]) => state === "ok"), checks: Object.fromEntries(results) };
}

/** startRpcServer serves the routes over Connect/gRPC-Web (Elysia) and gRPC with reflection (HTTP/2). */
export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const { logger, metrics } = options;
  const withReflection: Routes = (router) => {
    options.routes(router);
    registerReflection(router, options.services);
    requireCanonicalJson(router);
  };

  const router = createConnectRouter({ interceptors: options.interceptors, jsonOptions: strictJson });
  withReflection(router);
  const handlers = new Map<string, UniversalHandler>(router.handlers.map((h) => [h.requestPath, h]));
  const serveConnect = async (handler: UniversalHandler, request: Request, peer: string | undefined) => {
    const universal = universalServerRequestFromFetch(request, {});
    universal.contextValues = createContextValues().set(peerAddressKey, peer ?? "unknown");
    return universalServerResponseToFetch(await handler(universal));
  };

  let app: AnyElysia = new Elysia()
    // Connect answers before Elysia parses anything: the body belongs to the protocol handler.
    .onRequest(({ request, server }) => {
      const handler = handlers.get(new URL(request.url).pathname);
      if (handler) return serveConnect(handler, request, server?.requestIP(request)?.address);
    })
    .get("/healthz", () => ({ status: "ok", service: options.name }))
    .get("/readyz", async ({ set }) => {
      const result = await readiness(options.readiness ?? []);
      set.status = result.ok ? 200 : 503;
      return result;
    })
    .get("/metrics", async ({ set }) => {
      set.headers["content-type"] = metrics.registry.contentType;
      return metrics.registry.metrics();
    });
  if (options.extendHttp) app = options.extendHttp(app);
  app.listen({ hostname: options.host, port: options.port, idleTimeout: 0 });
  const httpPort = app.server?.port ?? options.port;

  const grpcServer = http2.createServer(
    connectNodeAdapter({
      routes: withReflection,
      interceptors: options.interceptors,
      jsonOptions: strictJson,
      contextValues: (req) => createContextValues().set(peerAddressKey, req.socket.remoteAddress ?? "unknown"),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    grpcServer.once("error", reject);
    grpcServer.listen(options.grpcPort, options.host, () => resolve());
  });
  const grpcPort = (grpcServer.address() as AddressInfo).port;
  logger.info({ httpPort, grpcPort }, "listening");

  return {
    httpPort,
    grpcPort,
    async close() {
      await Promise.all([
        app.stop(false).catch(() => undefined),
        new Promise<void>((resolve) => grpcServer.close(() => resolve())),
      ]);
    },
  };
}
