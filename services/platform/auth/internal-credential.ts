import { timingSafeEqual } from "node:crypto";

/** isInternalToken says, in constant time, whether a presented header value is the shared service credential. */
export function isInternalToken(presented: string | null, internalToken: string): boolean {
  if (presented === null || internalToken === "") return false;
  const left = Buffer.from(presented);
  const right = Buffer.from(internalToken);
  return left.length === right.length && timingSafeEqual(left, right);
}
