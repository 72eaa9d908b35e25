import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { type AuthTokens, AuthTokensSchema, type User, UserSchema } from "../../../gen/todo/v1/user_pb";
import { isValidTimeZone } from "../../../vocabulary/time-zone";
import { callerId } from "../../platform/auth/caller";
import type { RevocationList } from "../../platform/auth/revocations";
import { FailedPreconditionError, RateLimitedError, UnauthenticatedError } from "../../platform/errors";
import { peerAddressKey } from "../../platform/request-context";
import { confirmEmail } from "../auth/email-verification";
import type { TokenIssuer } from "../auth/token-issuer";
import type { AccountStore } from "../db/account-store";
import type { UserRow, UserStore } from "../db/user-store";
import type { RateLimiter } from "../domain/rate-limiter";
import { Violations } from "../domain/task-rules";
import { type AccountDeps, accountHandlers } from "./account-handlers";

function toUserMessage(row: UserRow): User {
  return create(UserSchema, {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    timeZone: row.timeZone,
    locale: row.locale,
    createdAt: timestampFromDate(row.createdAt),
    emailVerified: row.emailVerifiedAt !== null,
  });
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface AuthDeps {
  users: UserStore;
  tokens: TokenIssuer;
  limits: { perAddress: RateLimiter; perAccount: RateLimiter };
  /** revocations is this replica's revocation set: a revoked session stops working here at once, elsewhere on its event. */
  revocations: RevocationList;
  /** internalToken keys the secret of email verification and password reset links (platform/auth/email-link.ts). */
  internalToken: string;
  accounts: AccountStore;
  /** quotas bound reset mails per address and verification mails per account (platform/quota.ts). */
  quotas: AccountDeps["quotas"];
}

/** authService implements todo.v1.AuthService. */
export function authService({
  users,
  tokens,
  limits,
  revocations,
  internalToken,
  accounts,
  quotas,
}: AuthDeps): ServiceImpl<typeof AuthService> {
  // Verifying against this hash when the account does not exist keeps the timing of both answers alike.
  const absentAccountHash = Bun.password.hash(crypto.randomUUID(), { algorithm: "argon2id" });

  // The account limit counts per account AND address: a stranger spending it from elsewhere cannot lock
  // the owner out; guessing from many addresses is still bounded by each address's own limit.
  const limit = (context: HandlerContext, email: string) => {
    const address = context.values.get(peerAddressKey);
    if (!limits.perAddress.take(`addr:${address}`) || !limits.perAccount.take(`acct:${email}|${address}`)) {
      throw new RateLimitedError("too many attempts; try again in a minute");
    }
  };

  const issue = async (userId: string, sessionId: string): Promise<AuthTokens> => {
    const access = await tokens.accessToken(userId, sessionId);
    const refresh = tokens.refreshToken();
    await users.saveRefreshToken(userId, sessionId, refresh.hash, refresh.expiresAt);
    return create(AuthTokensSchema, {
      accessToken: access.token,
      accessTokenExpiresAt: timestampFromDate(access.expiresAt),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: timestampFromDate(refresh.expiresAt),
    });
  };

  const revoke = async (userId: string, sessionId: string, reason: "logout" | "refresh_token_reuse") => {
    const expireBy = new Date(Date.now() + tokens.accessTtlSeconds * 1000 + 5_000);
    revocations.revoke(sessionId, expireBy.getTime());
    await users.revokeSession(userId, sessionId, reason, expireBy);
  };

  const checkProfile = (timeZone: string, violations: Violations) => {
    if (timeZone && !isValidTimeZone(timeZone)) violations.add("time_zone", `unknown time zone "${timeZone}"`);
  };

  return {
    ...accountHandlers({
      users,
      accounts,
      tokens,
      revocations,
      internalToken,
      quotas,
      limit,
      issue: async (userId) => issue(userId, await users.startSession(userId)),
    }),
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
      return { user: toUserMessage(user), tokens: await issue(user.id, await users.startSession(user.id)) };
    },
    async login(req, context) {
      const email = normalizeEmail(req.email);
      limit(context, email);
      // Several unverified accounts may name one address (Register never says it is taken): the password decides.
      const candidates = await users.accountsByEmail(email);
      let user: UserRow | undefined;
      for (const candidate of candidates) {
        if (await Bun.password.verify(req.password, candidate.passwordHash)) {
          user = candidate;
          break;
        }
      }
      if (candidates.length === 0) await Bun.password.verify(req.password, await absentAccountHash);
      if (!user) throw new UnauthenticatedError("wrong email or password");
      return { user: toUserMessage(user), tokens: await issue(user.id, await users.startSession(user.id)) };
    },
    async refresh(req) {
      const spent = await users.spendRefreshToken(tokens.hash(req.refreshToken));
      // A spent token presented again means two parties hold the family: end it for both (RFC 9700 §4.14.2).
      if (spent.kind === "reused") await revoke(spent.userId, spent.sessionId, "refresh_token_reuse");
      if (spent.kind !== "spent") throw new UnauthenticatedError("refresh token is invalid, expired or already used");
      return { tokens: await issue(spent.userId, spent.sessionId) };
    },
    async logout(req) {
      const session = await users.sessionOf(tokens.hash(req.refreshToken));
      if (session) await revoke(session.userId, session.sessionId, "logout");
      return {};
    },
    async verifyEmail(req) {
      if (!(await confirmEmail(users, internalToken, req.verificationId, req.token))) {
        throw new FailedPreconditionError("this verification link is invalid, used or expired");
      }
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
