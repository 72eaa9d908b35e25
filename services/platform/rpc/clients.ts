import type { DescService } from "@bufbuild/protobuf";
import {
  type Client,
  Code,
  ConnectError,
  createClient,
  type Interceptor,
  type StreamResponse,
  type Transport,
  type UnaryResponse,
} from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from "cockatiel";
import type { RunMode } from "../config";
import { correlationHeader, currentScope } from "../request-context";
import { pooledSessionManager } from "./session-pool";

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
  /** Circuit breaker per callee (kubernetes mode); defaultBreaker unless a test needs it quicker. */
  breaker?: BreakerOptions;
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

/**
 * serviceCalls is the one list of the service-to-service calls the code makes (caller → callees). The Dapr
 * access control, the self-hosted sidecar configs and the cloud NetworkPolicies are generated from it
 * (k8s/generate.ts), and k8s/calls.test.ts checks it against the `clients.client(…, "<app>")` calls in the
 * code, both ways.
 */
export const serviceCalls: Readonly<Record<string, readonly string[]>> = {
  web: ["orchestrator", "notification", "audit", "webhooks"],
  orchestrator: ["skills", "audit"],
  notification: ["orchestrator"],
  recurring: ["orchestrator", "skills"],
  skills: [],
  audit: [],
  webhooks: [],
};

/** Codes that mean the callee was not reached or did not answer in time: the only ones a breaker counts. */
const transportCodes = new Set([Code.Unavailable, Code.DeadlineExceeded]);

/**
 * fromSidecar turns what a Dapr sidecar itself answers into the code it means. A sidecar whose resiliency
 * breaker is open answers `Unknown` (or `Internal: grpc-status-details-bin mismatch` from the proxy); the
 * apps never answer `Unknown` (interceptors map everything), so both mean "callee not available".
 */
function fromSidecar(error: unknown): unknown {
  if (!(error instanceof ConnectError)) return error;
  const sidecar =
    error.code === Code.Unknown ||
    (error.code === Code.Internal && error.rawMessage.includes("grpc-status-details-bin"));
  if (!sidecar) return error;
  return new ConnectError(
    `callee unavailable (the Dapr sidecar answered ${Code[error.code]}: ${error.rawMessage})`,
    Code.Unavailable,
    error.metadata,
    undefined,
    error,
  );
}

/** Breaker settings: open after `failures` transport failures in a row, try again after `halfOpenAfterMs`. */
interface BreakerOptions {
  failures: number;
  halfOpenAfterMs: number;
}
const defaultBreaker: BreakerOptions = { failures: 5, halfOpenAfterMs: 2_000 };

/**
 * sidecarInterceptor adapts calls through the caller's Dapr sidecar: it names the callee (`dapr-app-id`),
 * marks server streams (`dapr-stream: true`, so the sidecar applies its resiliency policy to the handshake
 * only instead of cutting the stream at the policy's timeout), maps the sidecar's own answers to
 * `Unavailable` and fails fast through a per-callee circuit breaker that counts only transport failures
 * (`Unavailable`, `DeadlineExceeded`): an application error such as INVALID_ARGUMENT never opens it. The
 * breaker lives here, not in the Dapr Resiliency spec, because Dapr 1.18's breaker counts every error the
 * callee returns (pkg/resiliency/policy.go wraps the whole call in gobreaker).
 */
function sidecarInterceptor(appId: string, breaker: CircuitBreakerPolicy): Interceptor {
  return (next) => async (req) => {
    req.header.set("dapr-app-id", appId);
    const streaming = req.method.methodKind === "server_streaming";
    if (streaming) req.header.set("dapr-stream", "true");
    try {
      const response = await breaker.execute(async () => {
        try {
          return await next(req);
        } catch (error) {
          throw fromSidecar(error);
        }
      });
      if (!response.stream) return response as UnaryResponse;
      const stream = response as StreamResponse;
      return {
        ...stream,
        message: (async function* () {
          try {
            yield* stream.message;
          } catch (error) {
            throw fromSidecar(error);
          }
        })(),
      };
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ConnectError(
          `${appId} is unavailable: its circuit is open after repeated transport failures`,
          Code.Unavailable,
        );
      }
      throw error;
    }
  };
}

/** callBreaker is a per-callee breaker that counts only transport failures (see sidecarInterceptor). */
const callBreaker = (options: BreakerOptions = defaultBreaker): CircuitBreakerPolicy =>
  circuitBreaker(
    handleWhen((error) => error instanceof ConnectError && transportCodes.has(error.code)),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.failures) },
  );

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
        const baseUrl = `http://${address}`;
        transport = createGrpcTransport({
          baseUrl,
          interceptors: [propagate],
          sessionManager: pooledSessionManager(baseUrl),
        });
        break;
      }
      case "kubernetes": {
        const port = env.DAPR_GRPC_PORT ?? "50001";
        const sidecar = sidecarInterceptor(appId, callBreaker(options.breaker));
        const baseUrl = `http://127.0.0.1:${port}`;
        transport = createGrpcTransport({
          baseUrl,
          interceptors: [propagate, sidecar],
          sessionManager: pooledSessionManager(baseUrl),
        });
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
export const localPropagation = (internalToken: string | undefined): Interceptor =>
  propagationInterceptor(internalToken);
