import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { exportPKCS8, generateKeyPair, importPKCS8, type JWTPayload, SignJWT } from "jose";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { createOrchestrator } from "../orchestrator";
import { anonymousAuth, registerSession, type Session } from "../testing/session";

let stack: TestStack;
let user: Session;

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], {
    kafka: false,
    env: { AUTH_LIMIT_PER_ACCOUNT: "3", AUTH_LIMIT_PER_ADDRESS: "1000" },
  });
  user = await registerSession(stack.baseUrl);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

const callWith = (token: string) => codeOf(connectClient(TaskService, stack.baseUrl, token).listTasks({}));

/** genuineClaims are what the orchestrator itself puts in a fresh access token for the user. */
const genuineClaims = (): JWTPayload => ({
  typ: "access",
  sub: user.userId,
  sid: crypto.randomUUID(),
  iss: stack.deps.jwt.issuer,
  aud: stack.deps.jwt.audience,
  iat: now(),
  exp: now() + 60,
});

const signed = async (claims: JWTPayload, options: { key?: string; alg?: string } = {}) => {
  const key = await importPKCS8(options.key ?? stack.deps.keys.privateKeyPem!, options.alg ?? "EdDSA");
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? "EdDSA" }).sign(key);
};

test("a genuine token works (control)", async () => {
  expect(await callWith(user.accessToken)).toBe("OK");
  const good = await signed(genuineClaims());
  expect(await callWith(good)).toBe("OK");
});

test("forged, foreign, unsigned, mis-addressed and expired tokens are all refused with Unauthenticated", async () => {
  const valid = genuineClaims();
  const [header, payload, signature] = user.accessToken.split(".");
  const otherEd = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const es256 = await generateKeyPair("ES256", { extractable: true });
  const attacks: Record<string, string> = {
    "alg none": `${b64({ alg: "none", typ: "JWT" })}.${payload}.`,
    "alg none, signature kept": `${b64({ alg: "none" })}.${payload}.${signature}`,
    "HS256 with the public key as secret": await new SignJWT(valid)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(stack.deps.keys.publicKeyPem)),
    "another algorithm (ES256)": await signed(valid, { key: await exportPKCS8(es256.privateKey), alg: "ES256" }),
    "bad signature (another Ed25519 key)": await signed(valid, { key: await exportPKCS8(otherEd.privateKey) }),
    "tampered payload": `${header}.${b64({ ...valid, sub: crypto.randomUUID() })}.${signature}`,
    "wrong issuer": await signed({ ...valid, iss: "someone-else" }),
    "wrong audience": await signed({ ...valid, aud: "another-api" }),
    "no exp": await signed({ ...valid, exp: undefined }),
    "past exp": await signed({ ...valid, iat: now() - 3600, exp: now() - 600 }),
    "not an access token": await signed({ ...valid, typ: "refresh" }),
    "no session id": await signed({ ...valid, sid: undefined }),
    "a subject that is not a user id": await signed({ ...valid, sub: "not-a-uuid" }),
    garbage: "not.a.jwt",
  };
  const results: Record<string, string> = {};
  for (const [name, token] of Object.entries(attacks)) results[name] = await callWith(token);
  expect(results).toEqual(Object.fromEntries(Object.keys(attacks).map((name) => [name, "Unauthenticated"])));
});

test("no token, or a service credential that is wrong, is refused", async () => {
  const tasks = createClient(TaskService, createConnectTransport({ baseUrl: stack.baseUrl, httpVersion: "1.1" }));
  await expect(tasks.listTasks({})).rejects.toMatchObject({ code: Code.Unauthenticated });
  const spoof = createClient(
    TaskService,
    createConnectTransport({
      baseUrl: stack.baseUrl,
      httpVersion: "1.1",
      interceptors: [
        (next) => (req) => {
          req.header.set("x-taskmesh-internal-token", "guess");
          req.header.set("x-taskmesh-on-behalf-of", user.userId);
          return next(req);
        },
      ],
    }),
  );
  await expect(spoof.listTasks({})).rejects.toMatchObject({ code: Code.Unauthenticated });
});

test("a wrong password answers exactly like an unknown email; logins are rate limited per account", async () => {
  const auth = anonymousAuth(stack.baseUrl);
  const wrong = await auth.login({ email: user.email, password: "wrong password" }).catch((e) => ConnectError.from(e));
  const unknown = await auth
    .login({ email: `nobody-${crypto.randomUUID()}@example.com`, password: "wrong password" })
    .catch((e) => ConnectError.from(e));
  expect(wrong).toBeInstanceOf(ConnectError);
  expect([(wrong as ConnectError).code, (wrong as ConnectError).rawMessage]).toEqual([
    (unknown as ConnectError).code,
    (unknown as ConnectError).rawMessage,
  ]);
  expect((wrong as ConnectError).code).toBe(Code.Unauthenticated);
  // The account limit is 3 a minute here; one attempt was made above.
  await auth.login({ email: user.email, password: "correct horse battery" });
  await expect(auth.login({ email: user.email, password: "correct horse battery" })).rejects.toThrow();
  await expect(auth.login({ email: user.email, password: "correct horse battery" })).rejects.toMatchObject({
    code: Code.ResourceExhausted,
  });
});

test("refresh tokens rotate; a spent or logged-out refresh token is refused", async () => {
  const auth = anonymousAuth(stack.baseUrl);
  const session = await registerSession(stack.baseUrl);
  const { tokens } = await auth.refresh({ refreshToken: session.refreshToken });
  expect(tokens!.refreshToken).not.toBe(session.refreshToken);
  await expect(auth.refresh({ refreshToken: session.refreshToken })).rejects.toMatchObject({
    code: Code.Unauthenticated,
  });
  await auth.logout({ refreshToken: tokens!.refreshToken });
  await expect(auth.refresh({ refreshToken: tokens!.refreshToken })).rejects.toMatchObject({
    code: Code.Unauthenticated,
  });
});
