import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { type CryptoKey, importSPKI, jwtVerify } from "jose";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import { requirementOf, tokenMayCall } from "../../../vocabulary/token-scopes";
import { UnauthenticatedError } from "../errors";
import { type Actor, authenticatedUserKey, clientNameFrom, currentScope, mcpClientHeader } from "../request-context";
import { internalTokenHeader, onBehalfOfHeader } from "../rpc/clients";
import type { ActorNameLookup } from "./actor-names";
import { viaServiceKey } from "./caller";
import { isInternalToken } from "./internal-credential";
import { jwtAlgorithm } from "./keys";
import { isPersonalToken, type PersonalTokenVerifier } from "./personal-tokens";
import { createRevocationList, type RevocationList } from "./revocations";

/** TokenVerifier checks an access token and returns its subject (the user id). */
export type TokenVerifier = (token: string) => Promise<string>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * createTokenVerifier accepts only EdDSA tokens with our issuer and audience and a future `exp`, whose
 * subject is a user id and whose session (`sid`) is not revoked. `alg: none`, other algorithms, bad
 * signatures, missing claims and revoked sessions all fail the same way.
 */
export async function createTokenVerifier(
  publicKeyPem: string,
  claims: { issuer: string; audience: string },
  revocations: RevocationList = createRevocationList(),
): Promise<TokenVerifier> {
  const key: CryptoKey = await importSPKI(publicKeyPem, jwtAlgorithm);
  // A token whose signature and claims were checked is remembered until its own expiry: the same
  // client sends the same token many times, and an Ed25519 verification costs more than the lookup.
  // The session is checked on every call, so a logout takes effect on the remembered tokens too.
  const verified = new Map<string, { sub: string; sid: string; exp: number }>();
  const revokedError = () =>
    new UnauthenticatedError("invalid or expired access token", { cause: new Error("session revoked") });
  return async (token) => {
    const known = verified.get(token);
    if (known && known.exp * 1000 > Date.now()) {
      if (revocations.isRevoked(known.sid)) throw revokedError();
      return known.sub;
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [jwtAlgorithm],
        issuer: claims.issuer,
        audience: claims.audience,
        requiredClaims: ["exp", "iat", "sub", "sid"],
        clockTolerance: 5,
      });
      const { sub, sid } = payload;
      if (payload.typ !== "access" || typeof sub !== "string" || !uuid.test(sub))
        throw new Error("not an access token");
      if (typeof sid !== "string" || !uuid.test(sid)) throw new Error("no session id");
      if (revocations.isRevoked(sid)) throw new Error("session revoked");
      if (verified.size >= 10_000) verified.clear();
      verified.set(token, { sub, sid, exp: payload.exp! });
      return sub;
    } catch (error) {
      throw new UnauthenticatedError("invalid or expired access token", { cause: error });
    }
  };
}

/**
 * authInterceptor guards every procedure except the public ones: the caller presents a user's bearer
 * token, or a trusted service presents the internal token and names the user it acts for. A service that
 * relays a user's own call (the web tier) presents the internal token without naming anyone, and the
 * user's bearer token decides; a wrong internal token is refused whatever else comes with it.
 */
export function authInterceptor(options: {
  verify: TokenVerifier;
  /** personalTokens verifies `tm_pat_…` bearer tokens; without it they fail like any bad JWT. */
  personalTokens?: PersonalTokenVerifier;
  internalToken: string;
  publicProcedures: ReadonlySet<string>;
  /**
   * actorName names the person acting for the events a call may write (EventMeta.actor_display_name); looked
   * up only for procedures that may change something, once per request (in-process calls keep the name).
   */
  actorName?: ActorNameLookup;
}): Interceptor {
  return (next) => async (req) => {
    const procedure = `/${req.service.typeName}/${req.method.name}`;
    if (options.publicProcedures.has(procedure) || req.service.typeName.startsWith("grpc.reflection."))
      return next(req);
    let userId: string;
    const internal = req.header.get(internalTokenHeader);
    const onBehalfOf = req.header.get(onBehalfOfHeader);
    if (internal !== null && !isInternalToken(internal, options.internalToken)) {
      throw new UnauthenticatedError("invalid service credentials");
    }
    const scope = currentScope();
    // A service acting in process for a user's own request (an MCP tool, a chat turn) keeps that request's
    // actor, and its token's scopes bind these calls too.
    let actor: Actor | undefined = scope?.actor;
    if (internal !== null && onBehalfOf) {
      if (!uuid.test(onBehalfOf)) throw new UnauthenticatedError("invalid service credentials");
      userId = onBehalfOf;
      req.contextValues.set(viaServiceKey, true);
    } else {
      const authorization = req.header.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new UnauthenticatedError("missing bearer token");
      const bearer = match[1]!;
      if (options.personalTokens && isPersonalToken(bearer)) {
        const grant = await options.personalTokens(bearer);
        userId = grant.userId;
        actor = { kind: ActorKind.TOKEN, tokenId: grant.tokenId, tokenName: grant.tokenName, scopes: grant.scopes };
      } else {
        userId = await options.verify(bearer);
        actor = { kind: ActorKind.WEB };
      }
      const mcpClient = clientNameFrom(req.header.get(mcpClientHeader));
      if (mcpClient) actor = { ...actor, kind: ActorKind.MCP, client: mcpClient };
    }
    if (actor?.scopes && !tokenMayCall(procedure, actor.scopes)) {
      const needs = requirementOf(procedure);
      throw new ConnectError(
        needs === "session" || needs === undefined
          ? "a personal access token cannot call this procedure: sign in"
          : `this personal access token lacks the ${needs} scope`,
        Code.PermissionDenied,
      );
    }
    if (
      actor &&
      actor.displayName === undefined &&
      options.actorName &&
      req.method.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS
    ) {
      const displayName = await options.actorName(userId);
      if (displayName !== undefined) actor = { ...actor, displayName };
    }
    req.contextValues.set(authenticatedUserKey, userId);
    if (scope) {
      scope.userId = userId;
      scope.actor = actor;
    }
    return next(req);
  };
}
