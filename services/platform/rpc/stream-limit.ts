import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { authenticatedUserKey, peerAddressKey } from "../request-context";

/**
 * streamLimitInterceptor caps the server streams (WatchTasks, WatchNotifications, StreamMessage) one
 * caller holds open at once: past `perUser` a new one is refused with `ResourceExhausted` before its
 * handler runs. It sits after auth, so the caller is the authenticated user (the peer address if none);
 * a stream counts from its start until its body ends, however it ends (completed, failed, cancelled).
 */
export function streamLimitInterceptor(perUser: number): Interceptor {
  const open = new Map<string, number>();
  const release = (caller: string) => {
    const left = (open.get(caller) ?? 1) - 1;
    if (left > 0) open.set(caller, left);
    else open.delete(caller);
  };
  return (next) => async (req) => {
    if (req.method.methodKind !== "server_streaming") return next(req);
    const caller = req.contextValues.get(authenticatedUserKey) ?? `address:${req.contextValues.get(peerAddressKey)}`;
    const held = open.get(caller) ?? 0;
    if (held >= perUser) {
      throw new ConnectError(
        `too many open streams: at most ${perUser} per user; close one first`,
        Code.ResourceExhausted,
      );
    }
    open.set(caller, held + 1);
    // Released once: when the body ends, or when the call's signal aborts (the protocol handlers abort it
    // when the call is over, also for a stream cancelled before its body ever ran).
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      req.signal.removeEventListener("abort", done);
      release(caller);
    };
    req.signal.addEventListener("abort", done);
    let response: Awaited<ReturnType<typeof next>>;
    try {
      response = await next(req);
    } catch (error) {
      done();
      throw error;
    }
    if (!response.stream) {
      done();
      return response;
    }
    return { ...response, message: counted(response.message, done) };
  };
}

async function* counted<T>(messages: AsyncIterable<T>, done: () => void): AsyncIterable<T> {
  try {
    yield* messages;
  } finally {
    done();
  }
}
