import type { DescMethod, DescService } from "@bufbuild/protobuf";
import type { CallOptions, Client, ConnectRouter, HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { peerAddressKey } from "../../platform/request-context";
import { type ClientFactory, clientAddressHeader, internalTokenHeader } from "../../platform/rpc/clients";
import { clientAddress } from "./client-address";

/** ProxiedService is a public service the web tier forwards, and the app that owns it. */
export interface ProxiedService {
  service: DescService;
  appId: string;
}

/** What the proxy needs to vouch for the browser's address: the service credential and the proxies it trusts. */
export interface ClientAddressTrust {
  internalToken: string;
  /** How many proxies in front of web append to X-Forwarded-For (TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
}

/** Request headers passed to the owning service unchanged: the caller's token and language. */
const forwardedHeaders = ["authorization", "accept-language"] as const;

function callOptions(context: HandlerContext, trust: ClientAddressTrust): CallOptions {
  const headers = new Headers();
  for (const name of forwardedHeaders) {
    const value = context.requestHeader.get(name);
    if (value !== null) headers.set(name, value);
  }
  const peer = context.values.get(peerAddressKey);
  const before = context.requestHeader.get("x-forwarded-for");
  if (peer !== "unknown") headers.set("x-forwarded-for", before ? `${before}, ${peer}` : peer);
  // The owner sees the web tier's address and rightly ignores X-Forwarded-For, which anyone can send;
  // the browser's address counts for per-address limits only with the service credential beside it.
  const browser = clientAddress(peer, before, trust.trustedProxyHops);
  if (browser !== "unknown") {
    headers.set(clientAddressHeader, browser);
    headers.set(internalTokenHeader, trust.internalToken);
  }
  // The caller's deadline travels on (grpc-timeout to the owner), so the owner stops when the browser gave up.
  return { headers, signal: context.signal, timeoutMs: context.timeoutMs() };
}

type UnaryCall = (request: unknown, options: CallOptions) => Promise<unknown>;
type StreamCall = (request: unknown, options: CallOptions) => AsyncIterable<unknown>;

function forward(method: DescMethod, client: Client<DescService>, trust: ClientAddressTrust) {
  const call = (client as Record<string, unknown>)[method.localName];
  switch (method.methodKind) {
    case "unary":
      return (request: unknown, context: HandlerContext) => (call as UnaryCall)(request, callOptions(context, trust));
    case "server_streaming":
      return async function* (request: unknown, context: HandlerContext) {
        yield* (call as StreamCall)(request, callOptions(context, trust));
      };
    default:
      return undefined;
  }
}

/**
 * proxyRoutes registers, for each service, a handler per unary and server-streaming method that calls
 * the owning app through the client factory (gRPC in stack mode, the Dapr sidecar on Kubernetes). The
 * bearer token is forwarded unchanged, so the owner authenticates and scopes the call as if the browser
 * had called it directly; its errors (code, message, details) reach the browser as they were, and the
 * browser's deadline (connect-timeout-ms) is the owner's (the web tier's own RPC deadline bounds it). The
 * browser's address goes along with the service credential, so the owner's per-address limits count
 * browsers, not the web tier.
 */
export function proxyRoutes(
  clients: ClientFactory,
  services: ProxiedService[],
  trust: ClientAddressTrust,
): (router: ConnectRouter) => void {
  return (router) => {
    for (const { service, appId } of services) {
      const client = clients.client(service, appId);
      const implementation: Record<string, unknown> = {};
      for (const method of service.methods) {
        const handler = forward(method, client as Client<DescService>, trust);
        if (handler) implementation[method.localName] = handler;
      }
      router.service(service, implementation as Partial<ServiceImpl<DescService>>);
    }
  };
}
