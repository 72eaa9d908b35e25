import type { Interceptor } from "@connectrpc/connect";
import { peerAddressKey } from "../request-context";
import { clientAddressHeader, internalTokenHeader } from "../rpc/clients";
import { isInternalToken } from "./internal-credential";

/**
 * clientAddressInterceptor lets a trusted relay name the address it serves: when a call carries the
 * client-address header together with the internal service credential, that address replaces the
 * socket's in peerAddressKey, so per-address limits count the browser and not the web tier. Without
 * the credential the header is anyone's claim and is ignored.
 */
export function clientAddressInterceptor(internalToken: string): Interceptor {
  return (next) => (req) => {
    const claimed = req.header.get(clientAddressHeader)?.trim();
    if (claimed && isInternalToken(req.header.get(internalTokenHeader), internalToken)) {
      req.contextValues.set(peerAddressKey, claimed);
    }
    return next(req);
  };
}
