import type { HandlerContext } from "@connectrpc/connect";
import { UnauthenticatedError } from "../errors";
import { authenticatedUserKey } from "../request-context";

/** callerId returns the authenticated user of a handler call; every query is scoped with it. */
export function callerId(context: HandlerContext): string {
  const userId = context.values.get(authenticatedUserKey);
  if (!userId) throw new UnauthenticatedError("not signed in");
  return userId;
}
