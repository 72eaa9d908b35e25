import { AuthService } from "../gen/todo/v1/auth_service_pb";

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

/** The same procedures by path ("/todo.v1.AuthService/Login"): the ones the auth interceptor lets through without a token. */
export const publicProcedures: readonly string[] = [...signedOutMethods].map(
  (method) => `/${AuthService.typeName}/${method}`,
);
