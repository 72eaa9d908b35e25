import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidateInterceptor } from "@connectrpc/validate";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { toConnectError } from "../errors";
import { correlationHeader, currentScope, runInScope, type RequestScope } from "../request-context";

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

/** scopeInterceptor takes the correlation id from the request (or makes one) and scopes the call with it. */
export const scopeInterceptor: Interceptor = (next) => async (req) => {
  const scope: RequestScope = { correlationId: req.header.get(correlationHeader) ?? currentScope()?.correlationId ?? crypto.randomUUID() };
  const response = await runInScope(scope, () => next(req));
  response.header.set(correlationHeader, scope.correlationId);
  if (response.stream) return { ...response, message: inScope(scope, response.message) };
  return response;
};

/** errorInterceptor is the one place domain errors become Connect codes; causes go to the log only. */
export function errorInterceptor(logger: Logger): Interceptor {
  return (next) => async (req) => {
    try {
      return await next(req);
    } catch (error) {
      const connectError = toConnectError(error);
      const method = `${req.service.typeName}/${req.method.name}`;
      if (connectError.code === Code.Internal || connectError.code === Code.Unknown) {
        logger.error({ err: error, method }, "rpc failed");
      } else {
        logger.debug({ code: Code[connectError.code], method, reason: connectError.rawMessage }, "rpc refused");
      }
      throw connectError;
    }
  };
}

/** metricsInterceptor counts RPCs by code and records their latency. */
export function metricsInterceptor(metrics: Metrics): Interceptor {
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

/** validationInterceptor enforces the protovalidate rules written in the contracts. */
export const validationInterceptor: Interceptor = createValidateInterceptor();

/**
 * serverInterceptors is the standard chain, outermost first: scope, metrics, errors, then the
 * service's own (auth), then validation closest to the handler so handlers can trust their input.
 */
export function serverInterceptors(logger: Logger, metrics: Metrics, own: Interceptor[] = []): Interceptor[] {
  return [scopeInterceptor, metricsInterceptor(metrics), errorInterceptor(logger), ...own, validationInterceptor];
}
