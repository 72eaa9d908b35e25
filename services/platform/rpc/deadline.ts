import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

/** defaultRpcDeadlineMs bounds a unary RPC when neither RPC_DEADLINE_MS nor the client says otherwise. */
export const defaultRpcDeadlineMs = 15_000;

/** rpcDeadlineMs reads RPC_DEADLINE_MS (a positive whole number of milliseconds). */
export function rpcDeadlineMs(env: Record<string, string | undefined>): number {
  const raw = env.RPC_DEADLINE_MS;
  if (raw === undefined || raw === "") return defaultRpcDeadlineMs;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`RPC_DEADLINE_MS=${raw}: expected a positive whole number of milliseconds`);
  return value;
}

/**
 * deadlineInterceptor answers every unary RPC within a bounded time: the server's own deadline
 * (`deadlineMs`), or the client's when it is shorter (`grpc-timeout` / `connect-timeout-ms`, which Connect
 * turns into the request's signal). Past it the caller gets DeadlineExceeded instead of waiting on a database
 * that is not coming back; the handler's work is not undone, which is why writes are idempotent by request id.
 * Streams are exempt: they live until the client or the shutdown ends them.
 */
export function deadlineInterceptor(deadlineMs: number): Interceptor {
  return (next) => async (req) => {
    if (req.stream || req.method.methodKind !== "unary") return next(req);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectError(`the server's deadline of ${deadlineMs} ms passed`, Code.DeadlineExceeded)), deadlineMs);
      onAbort = () => reject(ConnectError.from(req.signal.reason ?? new ConnectError("the client's deadline passed", Code.DeadlineExceeded)));
      if (req.signal.aborted) onAbort();
      else req.signal.addEventListener("abort", onAbort, { once: true });
    });
    const work = next(req);
    work.catch(() => {}); // a late failure after the deadline has nobody to report to
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
      if (onAbort) req.signal.removeEventListener("abort", onAbort);
    }
  };
}
