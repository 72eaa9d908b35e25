import { type Client, Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { AuthService } from "../../../gen/todo/v1/auth_service_pb";

/**
 * renewingBearer sends the access token and, when the server answers Unauthenticated and a refresh
 * token is known, trades it for new tokens (refresh tokens rotate) and retries the call once.
 */
export function renewingBearer(options: {
  accessToken: string;
  refreshToken: string | undefined;
  auth: Client<typeof AuthService>;
}): Interceptor {
  let accessToken = options.accessToken;
  let refreshToken = options.refreshToken;
  let renewing: Promise<void> | undefined;
  const renew = async () => {
    const { tokens } = await options.auth.refresh({ refreshToken: refreshToken! });
    accessToken = tokens!.accessToken;
    refreshToken = tokens!.refreshToken;
  };
  return (next) => async (req) => {
    const sent = accessToken;
    req.header.set("authorization", `Bearer ${sent}`);
    try {
      return await next(req);
    } catch (error) {
      const expired = ConnectError.from(error).code === Code.Unauthenticated;
      if (!expired || !refreshToken || req.stream) throw error;
      // Calls failing together share one renewal; a call that raced a finished renewal just retries.
      if (sent === accessToken) {
        renewing ??= renew().finally(() => (renewing = undefined));
        await renewing;
      }
      req.header.set("authorization", `Bearer ${accessToken}`);
      return next(req);
    }
  };
}
