import { AsyncLocalStorage } from "node:async_hooks";
import { createContextKey } from "@connectrpc/connect";
import type { ActorKind } from "../../gen/todo/v1/actor_pb";
import type { ScopeName } from "../../vocabulary/token-scopes";

/**
 * Actor is who acted for the user (provenance, written into every event's envelope): through which door, and
 * with which personal access token. `scopes` are that token's scopes; every procedure the request reaches,
 * in process too (MCP tools, chat), is checked against them.
 */
export interface Actor {
  kind: ActorKind;
  tokenId?: string;
  tokenName?: string;
  client?: string;
  scopes?: ReadonlySet<ScopeName>;
  /** displayName is the person's name when they acted (ActorNames), for EventMeta.actor_display_name. */
  displayName?: string;
}

/**
 * mcpClientHeader names the MCP client a call comes from when the MCP server reaches taskmesh over Connect (the
 * stdio server): the call's actor is then MCP, not TOKEN or WEB. Like a User-Agent it is the client's own claim,
 * used for provenance only; the bearer token alone decides what the call may do.
 */
export const mcpClientHeader = "x-taskmesh-mcp-client";

/** clientNameFrom keeps a client's self-description for provenance: printable ASCII, at most 64 characters. */
export const clientNameFrom = (claimed: string | null): string | undefined =>
  claimed
    ?.replace(/[^\x20-\x7e]/g, "")
    .slice(0, 64)
    .trim() || undefined;

/** RequestScope is what travels with one request or one consumed event through async calls. */
export interface RequestScope {
  correlationId: string;
  userId?: string;
  actor?: Actor;
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

/** A correlation id a caller may choose: a UUID, a trace id or a short token, nothing a log or event must escape. */
const acceptableCorrelationId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * correlationIdFrom keeps a caller's correlation id when it is short and plain (at most 64 of
 * `A-Z a-z 0-9 . _ : -`) and otherwise makes a fresh one, so what reaches events and the append-only
 * audit log is bounded whatever a client sends.
 */
export function correlationIdFrom(claimed: string | null | undefined): string {
  return claimed && acceptableCorrelationId.test(claimed) ? claimed : crypto.randomUUID();
}

/** authenticatedUserKey holds the caller's user id once the auth interceptor accepted them. */
export const authenticatedUserKey = createContextKey<string | undefined>(undefined, {
  description: "authenticated user id",
});

/** peerAddressKey holds the network address of the caller, for per-address rate limits. */
export const peerAddressKey = createContextKey<string>("unknown", { description: "peer address" });
