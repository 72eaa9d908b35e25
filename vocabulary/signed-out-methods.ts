/**
 * The AuthService methods a caller uses without a token: signing up, in, out, refreshing, confirming an email,
 * resetting a password. A file of its own (no generated imports), so the browser's entry script can read it
 * without the calendar and token services' descriptors that public-procedures.ts names.
 */
export const signedOutMethods: ReadonlySet<string> = new Set([
  "Register",
  "Login",
  "Refresh",
  "Logout",
  "VerifyEmail",
  "RequestPasswordReset",
  "ResetPassword",
]);
