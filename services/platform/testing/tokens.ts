import type { DescService } from "@bufbuild/protobuf";
import { type Client, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { importPKCS8, SignJWT } from "jose";
import type { ServiceDeps } from "../service";

/** accessToken signs a user's access token with the stack's keys, the way the orchestrator's issuer does. */
async function accessToken(deps: ServiceDeps, userId: string): Promise<string> {
  return new SignJWT({ typ: "access", sid: crypto.randomUUID() })
    .setProtectedHeader({ alg: "EdDSA" })
    .setSubject(userId)
    .setIssuer(deps.jwt.issuer)
    .setAudience(deps.jwt.audience)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(await importPKCS8(deps.keys.privateKeyPem!, "EdDSA"));
}

/** bearer sends a token with every call. */
export const bearer =
  (token: string): Interceptor =>
  (next) =>
  (req) => {
    req.header.set("authorization", `Bearer ${token}`);
    return next(req);
  };

/** connectClient is a real Connect client over HTTP/1.1 (the browser's protocol), sending `token` when given. */
export function connectClient<S extends DescService>(service: S, baseUrl: string, token?: string): Client<S> {
  return createClient(
    service,
    createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: token ? [bearer(token)] : [] }),
  );
}

/** signedInClient is a Connect client to a test stack, signed in as the user (anonymous without one). */
export async function signedInClient<S extends DescService>(
  service: S,
  stack: { deps: ServiceDeps; baseUrl: string },
  userId?: string,
): Promise<Client<S>> {
  return connectClient(service, stack.baseUrl, userId ? await accessToken(stack.deps, userId) : undefined);
}
