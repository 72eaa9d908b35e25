import type { DescService } from "@bufbuild/protobuf";
import { createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { RunMode } from "../config";
import { correlationHeader, currentScope } from "../request-context";

/** Headers that let a trusted service act for the user an event belongs to. */
export const internalTokenHeader = "x-taskmesh-internal-token";
export const onBehalfOfHeader = "x-taskmesh-on-behalf-of";
/** Header in which a service that relays a caller's request (the web tier) names that caller's address. */
export const clientAddressHeader = "x-taskmesh-client-address";

/** ClientFactory hands out typed clients by service and app id; callers never build URLs. */
export interface ClientFactory {
  client<S extends DescService>(service: S, appId: string): Client<S>;
}

export interface ClientFactoryOptions {
  mode: RunMode;
  /** In-process transports by app id (embedded mode). */
  local?: ReadonlyMap<string, Transport>;
  env?: Record<string, string | undefined>;
  /** Shared service credential sent with calls made on behalf of a user. */
  internalToken?: string;
}

/** The outgoing side of the scope: correlation id always; user and service credential when acting for a user. */
function propagationInterceptor(internalToken: string | undefined): Interceptor {
  return (next) => async (req) => {
    const scope = currentScope();
    if (scope) {
      req.header.set(correlationHeader, scope.correlationId);
      if (scope.userId && internalToken && !req.header.has("authorization")) {
        req.header.set(internalTokenHeader, internalToken);
        req.header.set(onBehalfOfHeader, scope.userId);
      }
    }
    return next(req);
  };
}

/** grpcAddressVariable is the stack-mode variable holding an app's gRPC address, e.g. ORCHESTRATOR_GRPC_ADDR. */
export const grpcAddressVariable = (appId: string) => `${appId.toUpperCase().replaceAll("-", "_")}_GRPC_ADDR`;

/**
 * createClientFactory returns clients over the in-process router transport (embedded), direct gRPC to
 * `<APP>_GRPC_ADDR` (stack), or the Dapr sidecar's gRPC port with `dapr-app-id` metadata (kubernetes).
 */
export function createClientFactory(options: ClientFactoryOptions): ClientFactory {
  const env = options.env ?? process.env;
  const transports = new Map<string, Transport>();
  const propagate = propagationInterceptor(options.internalToken);

  const transportFor = (appId: string): Transport => {
    const cached = transports.get(appId);
    if (cached) return cached;
    let transport: Transport;
    switch (options.mode) {
      case "embedded": {
        const local = options.local?.get(appId);
        if (!local) throw new Error(`no in-process service registered as "${appId}"`);
        transport = local;
        break;
      }
      case "stack": {
        const variable = grpcAddressVariable(appId);
        const address = env[variable];
        if (!address) throw new Error(`${variable} is not set: stack mode needs the address of "${appId}"`);
        transport = createGrpcTransport({ baseUrl: `http://${address}`, interceptors: [propagate] });
        break;
      }
      case "kubernetes": {
        const port = env.DAPR_GRPC_PORT ?? "50001";
        const daprAppId: Interceptor = (next) => (req) => {
          req.header.set("dapr-app-id", appId);
          return next(req);
        };
        transport = createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}`, interceptors: [propagate, daprAppId] });
        break;
      }
    }
    transports.set(appId, transport);
    return transport;
  };

  return {
    client: (service, appId) => createClient(service, transportFor(appId)),
  };
}

/** localTransportInterceptor lets in-process calls carry the same scope headers as remote ones. */
export const localPropagation = (internalToken: string | undefined): Interceptor => propagationInterceptor(internalToken);
