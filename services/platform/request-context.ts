import { AsyncLocalStorage } from "node:async_hooks";
import { createContextKey } from "@connectrpc/connect";

/** RequestScope is what travels with one request or one consumed event through async calls. */
export interface RequestScope {
  correlationId: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** runInScope runs fn with a request scope visible to logs and outgoing calls. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** currentScope returns the scope of the running request or event, if any. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Header carrying the correlation id on RPCs. */
export const correlationHeader = "x-correlation-id";

/** authenticatedUserKey holds the caller's user id once the auth interceptor accepted them. */
export const authenticatedUserKey = createContextKey<string | undefined>(undefined, {
  description: "authenticated user id",
});

/** peerAddressKey holds the network address of the caller, for per-address rate limits. */
export const peerAddressKey = createContextKey<string>("unknown", { description: "peer address" });
