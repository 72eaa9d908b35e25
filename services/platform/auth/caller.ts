import { createContextKey, type HandlerContext } from "@connectrpc/connect";
import { UnauthenticatedError } from "../errors";
import { authenticatedUserKey } from "../request-context";

/** callerId returns the authenticated user of a handler call; every query is scoped with it. */
export function callerId(context: HandlerContext): string {
  const userId = context.values.get(authenticatedUserKey);
  if (!userId) throw new UnauthenticatedError("not signed in");
  return userId;
}

/** viaServiceKey is true when a trusted service (internal token) acts for the user, e.g. recurring's next instance. */
export const viaServiceKey = createContextKey<boolean>(false, { description: "a service acts for the user" });

/**
 * userInitiatedHeader, beside the internal credential, says a service relays something the user did
 * directly (an MCP tool call): such a call counts against the user's quotas like the user's own.
 */
export const userInitiatedHeader = "x-taskmesh-user-initiated";

/** isServiceCall tells a user's own call from one a trusted service makes on their behalf (exempt from per-user quotas). */
export const isServiceCall = (context: HandlerContext): boolean =>
  context.values.get(viaServiceKey) && context.requestHeader.get(userInitiatedHeader) === null;
