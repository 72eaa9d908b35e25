import { AuthService } from "../gen/todo/v1/auth_service_pb";
import { CalendarService } from "../gen/todo/v1/calendar_service_pb";

/** The AuthService methods a caller uses without a token: signing up, in, out, refreshing, confirming an email, resetting a password. */
export const signedOutMethods: ReadonlySet<string> = new Set([
  "Register",
  "Login",
  "Refresh",
  "Logout",
  "VerifyEmail",
  "RequestPasswordReset",
  "ResetPassword",
]);

/**
 * The procedures the auth interceptor lets through without a token, by path ("/todo.v1.AuthService/Login"): the
 * signed-out AuthService methods, and FetchCalendarFeed, whose request carries its own credential (the feed secret).
 */
export const publicProcedures: readonly string[] = [
  ...[...signedOutMethods].map((method) => `/${AuthService.typeName}/${method}`),
  `/${CalendarService.typeName}/FetchCalendarFeed`,
];
