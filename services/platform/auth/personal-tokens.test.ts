import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { IntrospectPersonalAccessTokenResponseSchema, TokenScope } from "../../../gen/todo/v1/token_service_pb";
import { NotFoundError, toConnectError } from "../errors";
import { createPersonalTokenVerifier, secretHash } from "./personal-tokens";
import { createRevocationList } from "./revocations";

const secret = `tm_pat_${"a".repeat(43)}`;
const answer = (expiresAt = new Date(Date.now() + 86_400_000)) =>
  create(IntrospectPersonalAccessTokenResponseSchema, {
    userId: "user-1",
    token: {
      id: "tok-1",
      name: "script",
      scopes: [TokenScope.READ, TokenScope.DELETE],
      expiresAt: timestampFromDate(expiresAt),
    },
  });
const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => "OK",
    (e: unknown) => Code[toConnectError(e).code],
  );

test("a token is looked up by its secret's SHA-256 once, then served from the cache with its scopes", async () => {
  const asked: string[] = [];
  const tokens = createPersonalTokenVerifier(async (hash) => {
    asked.push(hash);
    return answer();
  }, createRevocationList());
  const grant = await tokens.verify(secret);
  expect([grant.userId, grant.tokenId, grant.tokenName, [...grant.scopes]]).toEqual([
    "user-1",
    "tok-1",
    "script",
    ["read", "delete"],
  ]);
  await tokens.verify(secret);
  expect(asked).toEqual([secretHash(secret)]);
  expect(secretHash(secret)).toMatch(/^[0-9a-f]{64}$/);
});

test("malformed secrets are refused before any lookup", async () => {
  let asked = 0;
  const tokens = createPersonalTokenVerifier(async () => {
    asked++;
    return answer();
  }, createRevocationList());
  for (const bad of [
    "tm_pat_",
    `tm_pat_${"a".repeat(42)}`,
    `tm_pat_${"a".repeat(44)}`,
    `tm_pat_${"!".repeat(43)}`,
    "eyJhbGciOi",
  ])
    expect(await codeOf(tokens.verify(bad))).toBe("Unauthenticated");
  expect(asked).toBe(0);
});

test("a revoked token is refused even while cached; an expired one too", async () => {
  const revocations = createRevocationList();
  const tokens = createPersonalTokenVerifier(async () => answer(), revocations);
  expect(await codeOf(tokens.verify(secret))).toBe("OK");
  revocations.revoke("tok-1", Date.now() + 60_000);
  expect(await codeOf(tokens.verify(secret))).toBe("Unauthenticated");

  const expiring = createPersonalTokenVerifier(async () => answer(new Date(Date.now() + 50)), createRevocationList());
  expect(await codeOf(expiring.verify(secret))).toBe("OK");
  await Bun.sleep(80);
  expect(await codeOf(expiring.verify(secret))).toBe("Unauthenticated");
});

test("NotFound from the lookup (domain or Connect error) is Unauthenticated; any other failure is Unavailable", async () => {
  const notFound = createPersonalTokenVerifier(async () => {
    throw new NotFoundError("no such token");
  }, createRevocationList());
  expect(await codeOf(notFound.verify(secret))).toBe("Unauthenticated");
  const connectNotFound = createPersonalTokenVerifier(async () => {
    throw new ConnectError("no such token", Code.NotFound);
  }, createRevocationList());
  expect(await codeOf(connectNotFound.verify(secret))).toBe("Unauthenticated");
  const down = createPersonalTokenVerifier(async () => {
    throw new Error("ORCHESTRATOR_GRPC_ADDR is not set");
  }, createRevocationList());
  expect(await codeOf(down.verify(secret))).toBe("Unavailable");
});

test("forgetUser drops a deleted account's cached tokens: the next call asks again", async () => {
  let live = true;
  const tokens = createPersonalTokenVerifier(async () => {
    if (!live) throw new NotFoundError("gone");
    return answer();
  }, createRevocationList());
  expect(await codeOf(tokens.verify(secret))).toBe("OK");
  live = false;
  expect(await codeOf(tokens.verify(secret))).toBe("OK");
  tokens.forgetUser("user-1");
  expect(await codeOf(tokens.verify(secret))).toBe("Unauthenticated");
});

test("lookUpLocally replaces the remote lookup", async () => {
  const tokens = createPersonalTokenVerifier(async () => {
    throw new Error("remote must not be asked");
  }, createRevocationList());
  tokens.lookUpLocally(async () => answer());
  expect(await codeOf(tokens.verify(secret))).toBe("OK");
});
