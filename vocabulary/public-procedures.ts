import { AuthService } from "../gen/todo/v1/auth_service_pb";
import { CalendarService } from "../gen/todo/v1/calendar_service_pb";
import { TokenService } from "../gen/todo/v1/token_service_pb";
import { signedOutMethods } from "./signed-out-methods";

/**
 * The procedures the auth interceptor lets through without a token, by path ("/todo.v1.AuthService/Login"): the
 * signed-out AuthService methods, FetchCalendarFeed, whose request carries its own credential (the feed secret), and
 * IntrospectPersonalAccessToken, which checks the internal service credential itself.
 */
export const publicProcedures: readonly string[] = [
  ...[...signedOutMethods].map((method) => `/${AuthService.typeName}/${method}`),
  `/${CalendarService.typeName}/FetchCalendarFeed`,
  // A service's token verifier asks here; the handler itself demands the internal credential.
  `/${TokenService.typeName}/IntrospectPersonalAccessToken`,
];
