import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { callerId } from "../../platform/auth/caller";
import { RateLimitedError, UnauthenticatedError } from "../../platform/errors";
import { peerAddressKey } from "../../platform/request-context";
import type { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { type AuthTokens, AuthTokensSchema, type User, UserSchema } from "../../../gen/todo/v1/user_pb";
import type { TokenIssuer } from "../auth/token-issuer";
import type { UserRow, UserStore } from "../db/user-store";
import type { RateLimiter } from "../domain/rate-limiter";
import { Violations } from "../domain/task-rules";
import { isValidTimeZone } from "../../../vocabulary/time-zone.ts";

export function toUserMessage(row: UserRow): User {
  return create(UserSchema, {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    timeZone: row.timeZone,
    locale: row.locale,
    createdAt: timestampFromDate(row.createdAt),
  });
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface AuthDeps {
  users: UserStore;
  tokens: TokenIssuer;
  limits: { perAddress: RateLimiter; perAccount: RateLimiter };
}

/** authService implements todo.v1.AuthService. */
export function authService({ users, tokens, limits }: AuthDeps): ServiceImpl<typeof AuthService> {
  // Verifying against this hash when the account does not exist keeps the timing of both answers alike.
  const absentAccountHash = Bun.password.hash(crypto.randomUUID(), { algorithm: "argon2id" });

  const limit = (context: HandlerContext, email: string) => {
    if (!limits.perAddress.take(`addr:${context.values.get(peerAddressKey)}`) || !limits.perAccount.take(`acct:${email}`)) {
      throw new RateLimitedError("too many attempts; try again in a minute");
    }
  };

  const issue = async (userId: string): Promise<AuthTokens> => {
    const access = await tokens.accessToken(userId);
    const refresh = tokens.refreshToken();
    await users.saveRefreshToken(userId, refresh.hash, refresh.expiresAt);
    return create(AuthTokensSchema, {
      accessToken: access.token,
      accessTokenExpiresAt: timestampFromDate(access.expiresAt),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: timestampFromDate(refresh.expiresAt),
    });
  };

  const checkProfile = (timeZone: string, violations: Violations) => {
    if (timeZone && !isValidTimeZone(timeZone)) violations.add("time_zone", `unknown time zone "${timeZone}"`);
  };

  return {
    async register(req, context) {
      const email = normalizeEmail(req.email);
      limit(context, email);
      const violations = new Violations();
      checkProfile(req.timeZone, violations);
      if (!req.displayName.trim()) violations.add("display_name", "must not be blank");
      violations.throwIfAny();
      const user = await users.create({
        email,
        passwordHash: await Bun.password.hash(req.password, { algorithm: "argon2id" }),
        displayName: req.displayName.trim(),
        timeZone: req.timeZone || "UTC",
        locale: req.locale || "en",
      });
      return { user: toUserMessage(user), tokens: await issue(user.id) };
    },
    async login(req, context) {
      const email = normalizeEmail(req.email);
      limit(context, email);
      const user = await users.byEmail(email);
      const valid = await Bun.password.verify(req.password, user?.passwordHash ?? (await absentAccountHash));
      if (!user || !valid) throw new UnauthenticatedError("wrong email or password");
      return { user: toUserMessage(user), tokens: await issue(user.id) };
    },
    async refresh(req) {
      const userId = await users.spendRefreshToken(tokens.hash(req.refreshToken));
      if (!userId) throw new UnauthenticatedError("refresh token is invalid, expired or already used");
      return { tokens: await issue(userId) };
    },
    async logout(req) {
      await users.spendRefreshToken(tokens.hash(req.refreshToken));
      return {};
    },
    async getMe(_req, context) {
      return { user: toUserMessage(await users.byId(callerId(context))) };
    },
    async updateMe(req, context) {
      const userId = callerId(context);
      const violations = new Violations();
      const changes: Parameters<UserStore["update"]>[1] = {};
      for (const path of req.updateMask?.paths ?? []) {
        if (path === "display_name") {
          if (!req.displayName.trim()) violations.add("display_name", "must not be blank");
          changes.displayName = req.displayName.trim();
        } else if (path === "time_zone") {
          if (!req.timeZone) violations.add("time_zone", "must not be empty");
          checkProfile(req.timeZone, violations);
          changes.timeZone = req.timeZone;
        } else if (path === "locale") {
          if (!req.locale) violations.add("locale", "must be en or ur");
          changes.locale = req.locale;
        } else violations.add("update_mask", `"${path}" cannot be updated`);
      }
      if (Object.keys(changes).length === 0) violations.add("update_mask", "must name at least one field");
      violations.throwIfAny();
      return { user: toUserMessage(await users.update(userId, changes)) };
    },
  };
}
