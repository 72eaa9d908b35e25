import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidateInterceptor } from "@connectrpc/validate";
import { InvalidArgumentError, toConnectError } from "../errors";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { correlationHeader, correlationIdFrom, currentScope, type RequestScope, runInScope } from "../request-context";
import { jsonViolationsKey } from "./canonical-json";

/** inScope keeps a server stream's body in the request scope: it runs after the interceptors returned. */
async function* inScope<T>(scope: RequestScope, messages: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = messages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await runInScope(scope, () => iterator.next());
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await runInScope(scope, async () => iterator.return?.());
  }
}

/**
 * scopeInterceptor takes the correlation id from the request when it is acceptable (or makes one) and
 * scopes the call with it.
 */
const scopeInterceptor: Interceptor = (next) => async (req) => {
  const scope: RequestScope = {
    correlationId: correlationIdFrom(req.header.get(correlationHeader) ?? currentScope()?.correlationId),
  };
  const response = await runInScope(scope, () => next(req));
  response.header.set(correlationHeader, scope.correlationId);
  if (response.stream) return { ...response, message: inScope(scope, response.message) };
  return response;
};

/**
 * errorInterceptor is the one place domain errors become Connect codes; causes go to the log only.
 * A server stream's body runs after the handler returned, so its messages are wrapped too: a domain
 * error thrown mid-stream gets the same code a unary call would.
 */
export function errorInterceptor(logger: Logger): Interceptor {
  return (next) => async (req) => {
    const method = `${req.service.typeName}/${req.method.name}`;
    const translate = (error: unknown): ConnectError => {
      const connectError = toConnectError(error);
      if (connectError.code === Code.Internal || connectError.code === Code.Unknown) {
        logger.error({ err: error, method }, "rpc failed");
      } else {
        // The reason only: a refused input's cause may hold SQL text and parameters, which stay out of the log.
        logger.debug({ code: Code[connectError.code], method, reason: connectError.rawMessage }, "rpc refused");
      }
      return connectError;
    };
    try {
      const response = await next(req);
      if (response.stream) return { ...response, message: translated(response.message, translate) };
      return response;
    } catch (error) {
      throw translate(error);
    }
  };
}

async function* translated<T>(
  messages: AsyncIterable<T>,
  translate: (error: unknown) => ConnectError,
): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (error) {
    throw translate(error);
  }
}

/** metricsInterceptor counts RPCs by code and records their latency. */
function metricsInterceptor(metrics: Metrics): Interceptor {
  return (next) => async (req) => {
    const labels = { service: req.service.typeName, method: req.method.name };
    const stop = metrics.rpcDuration.startTimer(labels);
    let code = "OK";
    try {
      return await next(req);
    } catch (error) {
      code = Code[ConnectError.from(error).code] ?? "Unknown";
      throw error;
    } finally {
      stop();
      metrics.rpcRequests.inc({ ...labels, code });
    }
  };
}

const protovalidate = createValidateInterceptor();

/**
 * validationInterceptor enforces the protovalidate rules written in the contracts, after refusing
 * the non-canonical JSON the decoder would have misread (canonical-json.ts).
 */
export const validationInterceptor: Interceptor = (next) => {
  const validated = protovalidate(next);
  return async (req) => {
    const violations = req.contextValues.get(jsonViolationsKey);
    if (violations.length > 0) throw new InvalidArgumentError(violations);
    return validated(req);
  };
};

/**
 * serverInterceptors is the standard chain, outermost first: scope, metrics, errors, then the
 * service's own (auth), then validation closest to the handler so handlers can trust their input.
 */
export function serverInterceptors(logger: Logger, metrics: Metrics, own: Interceptor[] = []): Interceptor[] {
  return [scopeInterceptor, metricsInterceptor(metrics), errorInterceptor(logger), ...own, validationInterceptor];
}
