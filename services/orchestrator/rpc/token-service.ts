import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  type IntrospectPersonalAccessTokenResponse,
  IntrospectPersonalAccessTokenResponseSchema,
  type PersonalAccessToken,
  PersonalAccessTokenSchema,
  type TokenService,
} from "../../../gen/todo/v1/token_service_pb";
import { type ScopeName, scopeName, scopeValue } from "../../../vocabulary/token-scopes";
import { callerId } from "../../platform/auth/caller";
import { isInternalToken } from "../../platform/auth/internal-credential";
import type { RevocationList } from "../../platform/auth/revocations";
import { NotFoundError, UnauthenticatedError } from "../../platform/errors";
import { internalTokenHeader } from "../../platform/rpc/clients";
import type { TokenRow, TokenStore } from "../db/token-store";
import { newPersonalToken } from "../domain/personal-token";

const toToken = (row: TokenRow): PersonalAccessToken =>
  create(PersonalAccessTokenSchema, {
    id: row.id,
    name: row.name,
    scopes: row.scopes.map(scopeValue),
    prefix: row.prefix,
    createdAt: timestampFromDate(row.createdAt),
    expiresAt: timestampFromDate(row.expiresAt),
    lastUsedAt: row.lastUsedAt ? timestampFromDate(row.lastUsedAt) : undefined,
  });

/** introspectBy answers a token lookup by hash from the store: the shape every replica's verifier reads. */
export function introspectBy(tokens: TokenStore) {
  return async (secretSha256: string): Promise<IntrospectPersonalAccessTokenResponse> => {
    const row = await tokens.findLive(secretSha256);
    if (!row) throw new NotFoundError("no such token");
    return create(IntrospectPersonalAccessTokenResponseSchema, { userId: row.userId, token: toToken(row) });
  };
}

/**
 * tokenService implements todo.v1.TokenService. Create, list and revoke are the caller's own (a personal access
 * token cannot reach them: the scope table makes them session-only); introspection is for services holding the
 * internal credential.
 */
export function tokenService(deps: {
  tokens: TokenStore;
  revocations: RevocationList;
  internalToken: string;
}): ServiceImpl<typeof TokenService> {
  const introspect = introspectBy(deps.tokens);
  return {
    async createPersonalAccessToken(request, context) {
      const userId = callerId(context);
      const secret = newPersonalToken();
      const row = await deps.tokens.create({
        userId,
        name: request.name.trim() || request.name,
        // Validation refused UNSPECIFIED and duplicates; the order is kept canonical for display.
        scopes: request.scopes.flatMap((s): ScopeName[] => {
          const name = scopeName(s);
          return name ? [name] : [];
        }),
        expiresAt: new Date(Date.now() + request.expiresInDays * 86_400_000),
        prefix: secret.prefix,
        secretHash: secret.hash,
      });
      return { token: toToken(row), secret: secret.value };
    },
    async listPersonalAccessTokens(_request, context) {
      return { tokens: (await deps.tokens.list(callerId(context))).map(toToken) };
    },
    async revokePersonalAccessToken(request, context) {
      const row = await deps.tokens.revoke(callerId(context), request.tokenId);
      // This replica refuses it at once; the others when PersonalAccessTokenRevoked reaches them.
      deps.revocations.revoke(row.id, row.expiresAt.getTime());
      return {};
    },
    async introspectPersonalAccessToken(request, context: HandlerContext) {
      if (!isInternalToken(context.requestHeader.get(internalTokenHeader), deps.internalToken))
        throw new UnauthenticatedError("introspection needs the service credential");
      return introspect(request.secretSha256);
    },
  };
}
