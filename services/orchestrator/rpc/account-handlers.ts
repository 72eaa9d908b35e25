import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import type { AuthTokens } from "../../../gen/todo/v1/user_pb";
import { callerId } from "../../platform/auth/caller";
import { isPasswordResetSecret } from "../../platform/auth/email-link";
import type { RevocationList } from "../../platform/auth/revocations";
import { FailedPreconditionError } from "../../platform/errors";
import type { Quota } from "../../platform/quota";
import type { TokenIssuer } from "../auth/token-issuer";
import type { AccountStore } from "../db/account-store";
import type { UserStore } from "../db/user-store";
import { Violations } from "../domain/task-rules";

/** AccountDeps are what the account procedures need besides the sign-in ones. */
export interface AccountDeps {
  users: UserStore;
  accounts: AccountStore;
  tokens: TokenIssuer;
  revocations: RevocationList;
  internalToken: string;
  quotas: { passwordResets: Quota; verifications: Quota };
  /** limit spends the per-address and per-account attempt budgets (the ones Login uses) or throws. */
  limit(context: HandlerContext, account: string): void;
  /** issue opens a session and signs its tokens. */
  issue(userId: string): Promise<AuthTokens>;
}

const hashPassword = (password: string) => Bun.password.hash(password, { algorithm: "argon2id" });

/**
 * accountHandlers are the AuthService procedures that change an account as a whole: its password (changed,
 * or reset through a mailed link), its verification mail, and its deletion. Each one that ends sessions
 * refuses their tokens on this replica at once; other replicas follow on SessionRevoked.
 */
export function accountHandlers(
  deps: AccountDeps,
): Pick<
  ServiceImpl<typeof AuthService>,
  "changePassword" | "requestPasswordReset" | "resetPassword" | "resendVerificationEmail" | "deleteAccount"
> {
  const { users, accounts, tokens, revocations } = deps;
  const expireBy = () => new Date(Date.now() + tokens.accessTtlSeconds * 1000 + 5_000);
  const revokeHere = (sessionIds: string[], until: Date) => {
    for (const id of sessionIds) revocations.revoke(id, until.getTime());
  };

  /** checkPassword answers a wrong password as a field violation: the caller is signed in, only the field is wrong. */
  const checkPassword = async (context: HandlerContext, userId: string, field: string, password: string) => {
    const user = await users.byId(userId);
    deps.limit(context, `user:${userId}`);
    if (!(await Bun.password.verify(password, user.passwordHash))) {
      new Violations().add(field, "is not your current password").throwIfAny();
    }
    return user;
  };

  return {
    async changePassword(req, context) {
      const userId = callerId(context);
      if (req.newPassword === req.currentPassword) {
        new Violations().add("new_password", "must differ from the current password").throwIfAny();
      }
      await checkPassword(context, userId, "current_password", req.currentPassword);
      const until = expireBy();
      revokeHere(await accounts.setPassword(userId, await hashPassword(req.newPassword), until), until);
      return { tokens: await deps.issue(userId) };
    },
    async requestPasswordReset(req, context) {
      const email = req.email.trim().toLowerCase();
      deps.limit(context, email);
      deps.quotas.passwordResets.enforce(`reset:${email}`);
      await accounts.requestPasswordReset(email);
      return {};
    },
    async resetPassword(req, context) {
      deps.limit(context, `reset:${req.resetId}`);
      const dead = () => new FailedPreconditionError("this reset link is invalid, used or expired");
      if (!isPasswordResetSecret(deps.internalToken, req.resetId, req.token)) throw dead();
      const until = expireBy();
      const revoked = await accounts.resetPassword(req.resetId, await hashPassword(req.newPassword), until);
      if (!revoked) throw dead();
      revokeHere(revoked, until);
      return {};
    },
    async resendVerificationEmail(_req, context) {
      const userId = callerId(context);
      deps.quotas.verifications.enforce(`verify:${userId}`);
      if ((await accounts.requestVerification(userId)) === "verified") {
        throw new FailedPreconditionError("your email address is already verified");
      }
      return {};
    },
    async deleteAccount(req, context) {
      const userId = callerId(context);
      await checkPassword(context, userId, "password", req.password);
      const until = expireBy();
      revokeHere(await accounts.deleteAccount(userId, until), until);
      users.forget(userId);
      return {};
    },
  };
}
