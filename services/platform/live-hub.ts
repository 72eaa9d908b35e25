/**
 * LiveHub fans values out to the open streams of each user (WatchTasks, WatchNotifications). A slow
 * stream never blocks the others: past `maxQueued` waiting values it is closed and the client reconnects.
 */
export interface LiveHub<T> {
  publish(userId: string, value: T): void;
  /** open yields the user's values, and `heartbeat` every heartbeatMs, until a signal aborts. */
  open(userId: string, signals: AbortSignal[], heartbeat: T): AsyncIterable<T>;
  count(userId: string): number;
  /** closeUser ends every open stream of the user: each client reconnects, and one whose session was revoked is refused. */
  closeUser(userId: string): void;
}

interface Listener<T> {
  queue: T[];
  wake: (() => void) | undefined;
  closed: boolean;
}

export function createLiveHub<T>(options: { heartbeatMs?: number; maxQueued?: number } = {}): LiveHub<T> {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxQueued = options.maxQueued ?? 1000;
  const listeners = new Map<string, Set<Listener<T>>>();

  return {
    publish(userId, value) {
      for (const listener of listeners.get(userId) ?? []) {
        if (listener.queue.length >= maxQueued) listener.closed = true;
        else listener.queue.push(value);
        listener.wake?.();
      }
    },
    count: (userId) => listeners.get(userId)?.size ?? 0,
    closeUser(userId) {
      for (const listener of listeners.get(userId) ?? []) {
        listener.closed = true;
        listener.wake?.();
      }
    },
    async *open(userId, signals, heartbeat) {
      const listener: Listener<T> = { queue: [], wake: undefined, closed: false };
      const set = listeners.get(userId) ?? new Set();
      listeners.set(userId, set);
      set.add(listener);
      const stop = () => {
        listener.closed = true;
        listener.wake?.();
      };
      for (const signal of signals) signal.addEventListener("abort", stop, { once: true });
      if (signals.some((s) => s.aborted)) stop();
      try {
        // A heartbeat first tells the client the stream is open (gRPC-Web sends no headers until data).
        if (!listener.closed) yield heartbeat;
        while (!listener.closed) {
          if (listener.queue.length === 0) {
            const timedOut = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(true), heartbeatMs);
              listener.wake = () => {
                clearTimeout(timer);
                resolve(false);
              };
            });
            listener.wake = undefined;
            if (timedOut && !listener.closed) yield heartbeat;
            continue;
          }
          yield listener.queue.shift()!;
        }
      } finally {
        for (const signal of signals) signal.removeEventListener("abort", stop);
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      }
    },
  };
}
