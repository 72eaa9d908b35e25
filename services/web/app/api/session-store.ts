/** StoredSession is what a signed-in browser keeps: the tokens and when the access token ends. */
export interface StoredSession {
  accessToken: string;
  /** accessExpiresAt is epoch milliseconds. */
  accessExpiresAt: number;
  refreshToken: string;
  userId: string;
}

const key = "taskmesh.session";

/**
 * SessionStore keeps the session in localStorage so a reload stays signed in, and tells every tab when
 * another tab refreshed the tokens or signed out.
 */
export class SessionStore {
  private listeners = new Set<(session: StoredSession | undefined) => void>();

  constructor(private readonly storage: Storage = localStorage) {
    if (typeof window !== "undefined") {
      window.addEventListener("storage", (event) => {
        if (event.key === key || event.key === null) this.emit();
      });
    }
  }

  get(): StoredSession | undefined {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return undefined;
      const value = JSON.parse(raw) as Partial<StoredSession>;
      return typeof value.accessToken === "string" &&
        typeof value.refreshToken === "string" &&
        typeof value.accessExpiresAt === "number"
        ? (value as StoredSession)
        : undefined;
    } catch {
      return undefined;
    }
  }

  set(session: StoredSession): void {
    this.storage.setItem(key, JSON.stringify(session));
    this.emit();
  }

  clear(): void {
    this.storage.removeItem(key);
    this.emit();
  }

  /** subscribe hears every change, from this tab or another. */
  subscribe(listener: (session: StoredSession | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const session = this.get();
    for (const listener of this.listeners) listener(session);
  }
}
