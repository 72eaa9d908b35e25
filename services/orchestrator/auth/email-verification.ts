import type { AnyElysia } from "elysia";
import { isVerificationSecret } from "../../platform/auth/email-link";
import { verificationPage } from "../../platform/auth/verification-page";
import type { UserStore } from "../db/user-store";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** confirmEmail checks a verification link's secret and, if it is live, marks its account's address verified. */
export async function confirmEmail(
  users: Pick<UserStore, "verifyEmail">,
  internalToken: string,
  verificationId: string,
  secret: string,
): Promise<boolean> {
  if (!uuid.test(verificationId) || !isVerificationSecret(internalToken, verificationId, secret)) return false;
  return users.verifyEmail(verificationId);
}

/** verifyEmailRoute serves the link mailed to an address (GET /verify-email?id=…&token=…), the browser's way to VerifyEmail. */
export function verifyEmailRoute(
  users: Pick<UserStore, "verifyEmail">,
  internalToken: string,
): (app: AnyElysia) => AnyElysia {
  return (app) =>
    app.get("/verify-email", async ({ request }) => {
      const params = new URL(request.url).searchParams;
      const ok = await confirmEmail(
        users,
        internalToken,
        params.get("id") ?? "",
        (params.get("token") ?? "").slice(0, 128),
      );
      return verificationPage(ok);
    });
}
