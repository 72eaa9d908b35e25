import { randomBytes } from "node:crypto";
import { personalTokenPrefix } from "../../../vocabulary/token-scopes";
import { secretHash } from "../../platform/auth/personal-tokens";

/** A new token's secret: what the caller sees once, the prefix shown later, and the hash stored. */
export interface NewPersonalToken {
  value: string;
  prefix: string;
  hash: string;
}

/** newPersonalToken makes a secret of 256 random bits: "tm_pat_" and 43 base64url characters. */
export function newPersonalToken(): NewPersonalToken {
  const value = `${personalTokenPrefix}${randomBytes(32).toString("base64url")}`;
  return { value, prefix: value.slice(0, personalTokenPrefix.length + 4), hash: secretHash(value) };
}
