import { Code, ConnectError } from "@connectrpc/connect";
import { backoffDelay } from "../domain/backoff";

export type LiveState = "connecting" | "live" | "reconnecting" | "unavailable";

export interface LiveStreamOptions<T> {
  /** open starts the server stream (calling `opened` once the server accepted it); it ends when the signal aborts. */
  open: (signal: AbortSignal, opened: () => void) => AsyncIterable<T>;
  onMessage: (message: T) => void;
  onState: (state: LiveState) => void;
  /** onReconnected runs after a reconnection so the caller can catch up on what it missed. */
  onReconnected?: () => void;
  /** refresh renews the token when the stream is refused as unauthenticated; its failure ends the loop. */
  refresh: () => Promise<unknown>;
  isHeartbeat: (message: T) => boolean;
}

const presumeOpenAfterMs = 1500;

/**
 * sleep waits out a backoff delay; it ends early when the signal aborts or the browser comes back
 * online (then waiting longer only keeps "Reconnecting…" on screen for nothing).
 */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      globalThis.removeEventListener?.("online", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    globalThis.addEventListener?.("online", done, { once: true });
  });

/**
 * runLiveStream keeps a server stream open until `signal` aborts: heartbeats are dropped, a broken
 * stream reconnects with backoff, a refused token is refreshed once per failure, and a server without
 * the RPC reports "unavailable" instead of retrying forever.
 */
export async function runLiveStream<T>(options: LiveStreamOptions<T>, signal: AbortSignal): Promise<void> {
  let attempt = 0;
  let connectedBefore = false;
  while (!signal.aborted) {
    options.onState(connectedBefore || attempt > 0 ? "reconnecting" : "connecting");
    let open = false;
    const opened = () => {
      if (open) return;
      open = true;
      attempt = 0;
      options.onState("live");
      if (connectedBefore) options.onReconnected?.();
      connectedBefore = true;
    };
    // Servers send response headers with the first message (a heartbeat comes every 15 s), so a stream
    // the server has not refused within a moment is treated as open.
    const presumed = setTimeout(opened, presumeOpenAfterMs);
    try {
      for await (const message of options.open(signal, opened)) {
        opened();
        if (!options.isHeartbeat(message)) options.onMessage(message);
      }
    } catch (error) {
      clearTimeout(presumed);
      if (signal.aborted) return;
      const code = ConnectError.from(error).code;
      if (code === Code.Unimplemented || code === Code.NotFound) {
        options.onState("unavailable");
        return;
      }
      if (code === Code.Unauthenticated) {
        try {
          await options.refresh();
        } catch {
          return;
        }
      }
    }
    clearTimeout(presumed);
    if (signal.aborted) return;
    options.onState("reconnecting");
    await sleep(backoffDelay(attempt++), signal);
  }
}
