import { expect, test } from "bun:test";
import { createClient, createRouterTransport, type Interceptor } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { peerAddressKey } from "../request-context";
import { clientAddressHeader, internalTokenHeader } from "../rpc/clients";
import { clientAddressInterceptor } from "./client-address-interceptor";

const internalToken = "s3cret-service-credential";
const socketPeer = "10.0.0.5";

/** A server whose socket saw `socketPeer`, and whose Login answers with the address its limits would count. */
function server() {
  const fromSocket: Interceptor = (next) => (req) => {
    req.contextValues.set(peerAddressKey, socketPeer);
    return next(req);
  };
  const transport = createRouterTransport(
    (router) =>
      router.service(AuthService, {
        login: (_req, context) => ({ user: { email: context.values.get(peerAddressKey) } }),
      }),
    { router: { interceptors: [fromSocket, clientAddressInterceptor(internalToken)] } },
  );
  const auth = createClient(AuthService, transport);
  return async (headers: Record<string, string>) =>
    (await auth.login({ email: "a@example.com", password: "x" }, { headers })).user?.email;
}

test("with the internal credential, the relayed client address replaces the socket's", async () => {
  const countedAs = server();
  expect(await countedAs({ [clientAddressHeader]: "203.0.113.7", [internalTokenHeader]: internalToken })).toBe(
    "203.0.113.7",
  );
  expect(await countedAs({ [clientAddressHeader]: " 2001:db8::1 ", [internalTokenHeader]: internalToken })).toBe(
    "2001:db8::1",
  );
});

test("a client address without the credential, or with a wrong one, is ignored", async () => {
  const countedAs = server();
  expect(await countedAs({ [clientAddressHeader]: "203.0.113.7" })).toBe(socketPeer);
  expect(await countedAs({ [clientAddressHeader]: "203.0.113.7", [internalTokenHeader]: "guess" })).toBe(socketPeer);
  expect(await countedAs({ [clientAddressHeader]: "203.0.113.7", [internalTokenHeader]: `${internalToken}x` })).toBe(
    socketPeer,
  );
  expect(await countedAs({ [clientAddressHeader]: "203.0.113.7", [internalTokenHeader]: "" })).toBe(socketPeer);
  expect(await countedAs({ [clientAddressHeader]: "203.0.113.7", "x-forwarded-for": "203.0.113.7" })).toBe(socketPeer);
});

test("the credential alone, or with an empty address, leaves the socket's address", async () => {
  const countedAs = server();
  expect(await countedAs({ [internalTokenHeader]: internalToken })).toBe(socketPeer);
  expect(await countedAs({ [clientAddressHeader]: "  ", [internalTokenHeader]: internalToken })).toBe(socketPeer);
});

test("an empty configured credential vouches for nobody", async () => {
  const transport = createRouterTransport(
    (router) =>
      router.service(AuthService, {
        login: (_req, context) => ({ user: { email: context.values.get(peerAddressKey) } }),
      }),
    { router: { interceptors: [clientAddressInterceptor("")] } },
  );
  const res = await createClient(AuthService, transport).login(
    {},
    { headers: { [clientAddressHeader]: "203.0.113.7", [internalTokenHeader]: "" } },
  );
  expect(res.user?.email).toBe("unknown");
});
