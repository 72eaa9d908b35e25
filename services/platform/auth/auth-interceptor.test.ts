import { expect, test } from "bun:test";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { UnauthenticatedError } from "../errors";
import { createLogger } from "../logger";
import { authenticatedUserKey, currentScope, runInScope } from "../request-context";
import { internalTokenHeader, onBehalfOfHeader } from "../rpc/clients";
import { errorInterceptor } from "../rpc/interceptors";
import { authInterceptor } from "./auth-interceptor";

const internalToken = "s3cret-service-credential";

/** Login is public; GetMe needs a caller and answers with the user id auth settled on. */
const auth = createClient(
  AuthService,
  createRouterTransport(
    (router) =>
      router.service(AuthService, {
        login: () => ({}),
        getMe: (_req, context) => ({ user: { id: context.values.get(authenticatedUserKey) } }),
      }),
    {
      router: {
        interceptors: [
          errorInterceptor(createLogger("auth-test", "silent")),
          authInterceptor({
            verify: async (token) => {
              if (token !== "alice-token") throw new UnauthenticatedError("bad token");
              return "alice";
            },
            internalToken,
            publicProcedures: new Set([`/${AuthService.typeName}/Login`]),
          }),
        ],
      },
    },
  ),
);

const callerOf = async (headers: Record<string, string>) => {
  try {
    return (await auth.getMe({}, { headers })).user?.id;
  } catch (error) {
    return Code[ConnectError.from(error).code];
  }
};

test("a public procedure passes with the internal token and nobody named (the web tier relaying Login)", async () => {
  await expect(auth.login({}, { headers: { [internalTokenHeader]: internalToken } })).resolves.toBeDefined();
  await expect(auth.login({}, { headers: { [internalTokenHeader]: "wrong" } })).resolves.toBeDefined();
});

test("a relayed call presenting the internal token but naming nobody is the bearer token's user", async () => {
  expect(await callerOf({ [internalTokenHeader]: internalToken, authorization: "Bearer alice-token" })).toBe("alice");
  expect(await callerOf({ [internalTokenHeader]: internalToken })).toBe("Unauthenticated");
  expect(await callerOf({ [internalTokenHeader]: internalToken, authorization: "Bearer forged" })).toBe(
    "Unauthenticated",
  );
});

const bob = "0193a6f2-7c1e-7000-8000-000000000b0b";

test("a service acting for a user needs the right internal token; a wrong one is refused even beside a good bearer", async () => {
  expect(await callerOf({ [internalTokenHeader]: internalToken, [onBehalfOfHeader]: bob })).toBe(bob);
  expect(await callerOf({ [internalTokenHeader]: "wrong", [onBehalfOfHeader]: bob })).toBe("Unauthenticated");
  // A user id is a uuid: anything else in the header is refused, not passed to queries.
  expect(await callerOf({ [internalTokenHeader]: internalToken, [onBehalfOfHeader]: "bob'; --" })).toBe(
    "Unauthenticated",
  );
  expect(await callerOf({ [internalTokenHeader]: "wrong", authorization: "Bearer alice-token" })).toBe(
    "Unauthenticated",
  );
  expect(await callerOf({ [onBehalfOfHeader]: bob, authorization: "Bearer alice-token" })).toBe("alice");
});

test("a change names the person acting (their display name, looked up once); a read does not look it up", async () => {
  const lookups: string[] = [];
  const seen = (): { user: { id: string; displayName: string } } => ({
    user: { id: "", displayName: currentScope()?.actor?.displayName ?? "(none)" },
  });
  const named = createClient(
    AuthService,
    createRouterTransport((router) => router.service(AuthService, { getMe: seen, updateMe: seen }), {
      router: {
        interceptors: [
          authInterceptor({
            verify: async () => "alice",
            internalToken,
            publicProcedures: new Set(),
            actorName: async (userId) => {
              lookups.push(userId);
              return "Alice";
            },
          }),
        ],
      },
    }),
  );
  const headers = { authorization: "Bearer alice-token" };
  const inScope = <T>(call: () => Promise<T>) => runInScope({ correlationId: "c" }, call);
  expect((await inScope(() => named.updateMe({}, { headers }))).user?.displayName).toBe("Alice");
  expect((await inScope(() => named.getMe({}, { headers }))).user?.displayName).toBe("(none)");
  expect(lookups).toEqual(["alice"]);
});
