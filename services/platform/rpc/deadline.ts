import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { Logger } from "../logger";
import { isTransientDependencyError, redactedError } from "../transient";

/** defaultRpcDeadlineMs bounds a unary RPC when neither RPC_DEADLINE_MS nor the client says otherwise. */
const defaultRpcDeadlineMs = 15_000;

/** rpcDeadlineMs reads RPC_DEADLINE_MS (a positive whole number of milliseconds). */
export function rpcDeadlineMs(env: Record<string, string | undefined>): number {
  const raw = env.RPC_DEADLINE_MS;
  if (raw === undefined || raw === "") return defaultRpcDeadlineMs;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`RPC_DEADLINE_MS=${raw}: expected a positive whole number of milliseconds`);
  return value;
}

/**
 * deadlineInterceptor answers every unary RPC within a bounded time: the server's own deadline
 * (`deadlineMs`), or the client's when it is shorter (`grpc-timeout` / `connect-timeout-ms`, which Connect
 * turns into the request's signal). Past it the caller gets DeadlineExceeded instead of waiting on a database
 * that is not coming back; the handler's work is not undone, which is why writes are idempotent by request id.
 * Streams are exempt: they live until the client or the shutdown ends them. With a logger, a handler's
 * dependency failure (answered Unavailable) is logged at warn with its redacted cause.
 */
export function deadlineInterceptor(deadlineMs: number, logger?: Logger): Interceptor {
  return (next) => async (req) => {
    if (req.stream || req.method.methodKind !== "unary") return next(req);
    // A dependency failure becomes a client's Unavailable (errors.ts); the operator sees which one here.
    const noteDependency = (error: unknown) => {
      if (logger && !(error instanceof ConnectError) && isTransientDependencyError(error)) {
        logger.warn(
          { err: redactedError(error), method: `${req.service.typeName}/${req.method.name}` },
          "rpc failed on a dependency; answering Unavailable",
        );
      }
      throw error;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectError(`the server's deadline of ${deadlineMs} ms passed`, Code.DeadlineExceeded)),
        deadlineMs,
      );
      onAbort = () =>
        reject(
          ConnectError.from(
            req.signal.reason ?? new ConnectError("the client's deadline passed", Code.DeadlineExceeded),
          ),
        );
      if (req.signal.aborted) onAbort();
      else req.signal.addEventListener("abort", onAbort, { once: true });
    });
    const work = next(req).catch(noteDependency);
    work.catch(() => {}); // a late failure after the deadline has nobody to report to
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
      if (onAbort) req.signal.removeEventListener("abort", onAbort);
    }
  };
}
