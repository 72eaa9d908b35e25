import type { DescService } from "@bufbuild/protobuf";
import { type ConnectRouter, createConnectRouter, createContextValues, type Interceptor } from "@connectrpc/connect";
import {
  type UniversalHandler,
  universalServerRequestFromFetch,
  universalServerResponseToFetch,
} from "@connectrpc/connect/protocol";
import { compressionGzip } from "@connectrpc/connect-node";
import { type AnyElysia, Elysia } from "elysia";
import type { TransportLimits } from "../limits";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { peerAddressKey } from "../request-context";
import { createAddressGate, releasedWhenDone } from "./address-gate";
import { requireCanonicalJson } from "./canonical-json";
import { startGrpcListener } from "./grpc-listener";
import { refusal } from "./http-refusal";
import { startMetricsListener } from "./metrics-listener";
import { registerReflection } from "./reflection";
import { requestLimitOf, withRequestLimits } from "./request-limits";
import { apiResponseHeaders } from "./response-headers";

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
  /** metricsPort serves /metrics, /healthz and /readyz apart from the public ports. */
  metricsPort: number;
  limits: TransportLimits;
  logger: Logger;
  metrics: Metrics;
  interceptors: Interceptor[];
  routes: Routes;
  /** The services routes registers, listed by gRPC reflection. */
  services: DescService[];
  readiness?: ReadinessCheck[];
  /** Extra HTTP routes (web app, MCP) added to the Elysia app before it listens. */
  extendHttp?: (app: AnyElysia) => AnyElysia;
  /**
   * clientAddress names the caller of an HTTP request for REQUESTS_PER_ADDRESS, from the socket peer and
   * the request (the web tier reads the trusted X-Forwarded-For entry); the socket peer by default.
   */
  clientAddress?: (peer: string, request: Request) => string;
}

/** RpcServer is a running set of listeners: HTTP/1.1 (Connect, gRPC-Web, health), HTTP/2 (gRPC) and metrics. */
export interface RpcServer {
  httpPort: number;
  grpcPort: number;
  metricsPort: number;
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

/**
 * Compressions a caller may send: gzip only, on both ports. Every decompression stops at
 * REQUEST_MAX_BYTES of output (connect passes readMaxBytes to zlib's maxOutputLength); brotli is not
 * accepted because no taskmesh client sends it and its ratio (1.7 KB → 1 GiB) makes it the cheapest bomb.
 */
const acceptCompression = [compressionGzip];

/**
 * Framing a body may add around a message at REQUEST_MAX_BYTES (gRPC-Web envelopes and end-of-stream
 * trailer), so such a message is refused by the message limit with `ResourceExhausted`, not by the body one.
 */
const envelopeAllowanceBytes = 1024;

/**
 * messageLimits are the Connect router options that bound what a message may read and inflate to: the
 * ceiling here, each route's own limit where withRequestLimits registers it.
 */
function messageLimits(limits: TransportLimits) {
  return { readMaxBytes: limits.REQUEST_MAX_BYTES, acceptCompression };
}

/** declaredLength is a request's Content-Length, or undefined when it streams its body (chunked). */
function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  return header !== null && /^[0-9]{1,15}$/.test(header) ? Number(header) : undefined;
}

/**
 * startRpcServer serves the routes over Connect/gRPC-Web (Elysia) and gRPC with reflection (HTTP/2),
 * with the transport limits on both, and metrics on a listener of their own.
 */
export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const { logger, metrics, limits } = options;
  const withReflection: Routes = (router) => {
    const limited = withRequestLimits(router, limits.REQUEST_MAX_BYTES);
    options.routes(limited);
    registerReflection(limited, options.services);
    requireCanonicalJson(router, limits.REQUEST_MAX_BYTES);
  };

  const router = createConnectRouter({
    interceptors: options.interceptors,
    jsonOptions: strictJson,
    ...messageLimits(limits),
  });
  withReflection(router);
  const handlers = new Map<string, UniversalHandler>(router.handlers.map((h) => [h.requestPath, h]));
  const serveConnect = async (handler: UniversalHandler, request: Request, peer: string | undefined) => {
    const universal = universalServerRequestFromFetch(request, {});
    universal.contextValues = createContextValues().set(peerAddressKey, peer ?? "unknown");
    const response = universalServerResponseToFetch(await handler(universal));
    for (const [name, value] of Object.entries(apiResponseHeaders)) response.headers.set(name, value);
    return response;
  };
  const addresses = createAddressGate(limits.REQUESTS_PER_ADDRESS);
  const clientAddress = options.clientAddress ?? ((peer: string) => peer);
  const health = () => ({ status: "ok", service: options.name });
  const ready = () => readiness(options.readiness ?? []);

  let app: AnyElysia = new Elysia()
    // Connect answers before Elysia parses anything: the body belongs to the protocol handler.
    .onRequest(async ({ request, server }) => {
      const handler = handlers.get(new URL(request.url).pathname);
      if (!handler) return;
      // A declared body past the route's limit is refused unread (a chunked one by Connect while reading).
      const routeLimit = requestLimitOf(handler.method, limits.REQUEST_MAX_BYTES);
      if ((declaredLength(request) ?? 0) > routeLimit + envelopeAllowanceBytes) {
        return refusal(request, `request too large: at most ${routeLimit} bytes for ${handler.requestPath}`, 413);
      }
      const peer = server?.requestIP(request)?.address;
      const address = clientAddress(peer ?? "unknown", request);
      const release = addresses.enter(address);
      if (!release) {
        return refusal(
          request,
          `too many calls in flight from one address: at most ${limits.REQUESTS_PER_ADDRESS}; retry when one has ended`,
          429,
        );
      }
      const streaming = handler.method.methodKind === "server_streaming";
      // Bun's idle timer does not see a response being written, so it would cut a quiet but healthy
      // server stream; streams keep themselves alive with heartbeats and are capped per user instead.
      if (streaming) server?.timeout(request, 0);
      request.signal.addEventListener("abort", release, { once: true });
      try {
        const response = await serveConnect(handler, request, peer);
        // A unary answer is complete once produced; a stream's call lasts until its body ends.
        if (!streaming) {
          release();
          return response;
        }
        return releasedWhenDone(response, release);
      } catch (error) {
        release();
        throw error;
      }
    })
    .get("/healthz", ({ set }) => {
      Object.assign(set.headers, apiResponseHeaders);
      return health();
    })
    .get("/readyz", async ({ set }) => {
      const result = await ready();
      Object.assign(set.headers, apiResponseHeaders);
      set.status = result.ok ? 200 : 503;
      return result;
    });
  if (options.extendHttp) app = options.extendHttp(app);
  app.listen({
    hostname: options.host,
    port: options.port,
    idleTimeout: limits.CONNECTION_IDLE_TIMEOUT_SECONDS,
    // Checked while the body is read, before routing, auth or parsing: a larger body is answered 413.
    maxRequestBodySize: limits.REQUEST_MAX_BYTES + envelopeAllowanceBytes,
  });
  const httpPort = app.server?.port ?? options.port;

  const grpc = await startGrpcListener({
    host: options.host,
    port: options.grpcPort,
    limits,
    adapter: {
      routes: withReflection,
      interceptors: options.interceptors,
      jsonOptions: strictJson,
      ...messageLimits(limits),
      contextValues: (req) => createContextValues().set(peerAddressKey, req.socket.remoteAddress ?? "unknown"),
    },
  });
  const metricsListener = startMetricsListener({
    host: options.host,
    port: options.metricsPort,
    metrics,
    healthz: health,
    readyz: ready,
  });
  logger.info({ httpPort, grpcPort: grpc.port, metricsPort: metricsListener.port }, "listening");

  return {
    httpPort,
    grpcPort: grpc.port,
    metricsPort: metricsListener.port,
    async close() {
      await Promise.all([app.stop(false).catch(() => undefined), grpc.close(), metricsListener.close()]);
    },
  };
}
