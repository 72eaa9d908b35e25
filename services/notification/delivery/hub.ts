import type { Notification } from "../../../gen/todo/v1/notification_service_pb";

/** WatchItem is what a watcher receives: a new notification, or a heartbeat keeping the stream alive. */
export type WatchItem = { kind: "notification"; notification: Notification } | { kind: "heartbeat" };

interface Watcher {
  queue: WatchItem[];
  wake: (() => void) | undefined;
  overflowed: boolean;
}

/** A watcher that falls this far behind is ended; the client reconnects and lists what it missed. */
const maxQueued = 1000;

/**
 * NotificationHub fans new in-app notifications out to the open WatchNotifications streams of this
 * process, keyed by user. Live push reaches streams on the replica that delivered the reminder; clients
 * list their notifications on (re)connect, so nothing is lost, only possibly not pushed.
 */
export class NotificationHub {
  private readonly watchers = new Map<string, Set<Watcher>>();

  /** publish hands a notification to every open stream of its user. */
  publish(userId: string, notification: Notification): void {
    for (const watcher of this.watchers.get(userId) ?? []) {
      if (watcher.queue.length >= maxQueued) watcher.overflowed = true;
      else watcher.queue.push({ kind: "notification", notification });
      watcher.wake?.();
    }
  }

  /** watcherCount is how many streams are open, for one user or in all. */
  watcherCount(userId?: string): number {
    if (userId) return this.watchers.get(userId)?.size ?? 0;
    let total = 0;
    for (const set of this.watchers.values()) total += set.size;
    return total;
  }

  /**
   * watch yields the user's new notifications, and a heartbeat first and then every `heartbeatMs`
   * of quiet, until `signal` aborts (client gone, or shutdown).
   */
  async *watch(userId: string, signal: AbortSignal, heartbeatMs: number): AsyncGenerator<WatchItem> {
    const watcher: Watcher = { queue: [{ kind: "heartbeat" }], wake: undefined, overflowed: false };
    const set = this.watchers.get(userId) ?? new Set<Watcher>();
    set.add(watcher);
    this.watchers.set(userId, set);
    const onAbort = () => watcher.wake?.();
    signal.addEventListener("abort", onAbort);
    try {
      while (!signal.aborted && !watcher.overflowed) {
        const next = watcher.queue.shift();
        if (next) {
          yield next;
          continue;
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), heartbeatMs);
          watcher.wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        watcher.wake = undefined;
        if (timedOut) watcher.queue.push({ kind: "heartbeat" });
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
      set.delete(watcher);
      if (set.size === 0 && this.watchers.get(userId) === set) this.watchers.delete(userId);
    }
  }
}
