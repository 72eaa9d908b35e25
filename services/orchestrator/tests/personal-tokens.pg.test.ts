// Personal access tokens (issue 16): created by a session (secret shown once, SHA-256 stored), listed, revoked;
// accepted as bearer tokens on Connect, gRPC and /mcp through the same auth path as JWTs; scope-checked; and the
// events they cause say which token acted.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { eq, sql } from "drizzle-orm";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { TokenScope, TokenService } from "../../../gen/todo/v1/token_service_pb";
import { tokensPerUser } from "../../../vocabulary/token-scopes";
import { decodeEvent } from "../../platform/bus/event-codec";
import { rowsOf } from "../../platform/db/database";
import { mcpClientHeader } from "../../platform/request-context";
import { internalTokenHeader } from "../../platform/rpc/clients";
import type { TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { bearer, connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { outbox, personalAccessTokens } from "../db/schema";
import { createOrchestrator } from "../orchestrator";
import { callTool, callToolRaw, type McpStack, startMcpStack } from "../testing/mcp-stack";
import { registerSession, type Session } from "../testing/session";

let mcp: McpStack;
let stack: TestStack;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  mcp = await startMcpStack([createSkills, createOrchestrator]);
  ({ stack, alice, bob } = mcp);
}, 60_000);
afterAll(() => mcp.stop(), 60_000);

const { READ, WRITE, DELETE } = TokenScope;
const tokensOf = (session: Session) => connectClient(TokenService, stack.baseUrl, session.accessToken);
const tasksWith = (secret: string) => connectClient(TaskService, stack.baseUrl, secret);

async function makeToken(session: Session, scopes: TokenScope[], name = `token ${crypto.randomUUID().slice(0, 8)}`) {
  const { token, secret } = await tokensOf(session).createPersonalAccessToken({ name, scopes, expiresInDays: 30 });
  return { id: token!.id, name, secret };
}

/** The envelopes of the outbox rows about one aggregate (a task), oldest first. */
async function envelopesOf(key: string) {
  const rows = await stack.deps.database.db.select().from(outbox).where(eq(outbox.key, key)).orderBy(outbox.id);
  return rows.map((row) => ({
    eventType: row.eventType,
    ...decodeEvent({ key, value: row.payload, headers: row.headers }),
  }));
}

/** fieldsOf lists the fields an InvalidArgument's Violations detail names. */
const fieldsOf = (error: unknown) =>
  ConnectError.from(error)
    .findDetails(ViolationsSchema)
    .flatMap((d) => d.violations.map((v) => (v.field?.elements ?? []).map((e) => e.fieldName).join(".")));

describe("the token store", () => {
  test("create shows the secret once; only its SHA-256 is stored; list shows name, scopes, prefix and expiry", async () => {
    const before = Date.now();
    const { token, secret } = await tokensOf(alice).createPersonalAccessToken({
      name: "backup script",
      scopes: [READ, WRITE],
      expiresInDays: 30,
    });
    expect(secret).toMatch(/^tm_pat_[A-Za-z0-9_-]{43}$/);
    expect(token!.prefix).toBe(secret.slice(0, 11));
    const expires = Number(token!.expiresAt!.seconds) * 1000;
    expect(expires - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(expires - before).toBeLessThan(30 * 86_400_000 + 60_000);

    const [row] = await stack.deps.database.db
      .select()
      .from(personalAccessTokens)
      .where(eq(personalAccessTokens.id, token!.id));
    expect(row!.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret.slice(11));

    const { tokens } = await tokensOf(alice).listPersonalAccessTokens({});
    const listed = tokens.find((t) => t.id === token!.id)!;
    expect([listed.name, listed.scopes, listed.prefix]).toEqual(["backup script", [READ, WRITE], token!.prefix]);
    expect(JSON.stringify(tokens, (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(secret.slice(11));
    // Another user sees none of them.
    expect((await tokensOf(bob).listPersonalAccessTokens({})).tokens.map((t) => t.id)).not.toContain(token!.id);
  });

  test("bad input is InvalidArgument naming the field: empty name, no scopes, UNSPECIFIED, 0 or 366 days", async () => {
    const create = (init: { name?: string; scopes?: TokenScope[]; expiresInDays?: number }) =>
      tokensOf(alice)
        .createPersonalAccessToken({ name: "x", scopes: [READ], expiresInDays: 7, ...init })
        .then(
          () => ["OK"],
          (e) => [Code[ConnectError.from(e).code], ...fieldsOf(e)],
        );
    expect(await create({ name: "" })).toEqual(["InvalidArgument", "name"]);
    expect(await create({ name: "n".repeat(101) })).toEqual(["InvalidArgument", "name"]);
    expect(await create({ scopes: [] })).toEqual(["InvalidArgument", "scopes"]);
    expect(await create({ scopes: [TokenScope.UNSPECIFIED] })).toEqual(["InvalidArgument", "scopes"]);
    expect(await create({ scopes: [READ, READ] })).toEqual(["InvalidArgument", "scopes"]);
    expect(await create({ expiresInDays: 0 })).toEqual(["InvalidArgument", "expires_in_days"]);
    expect(await create({ expiresInDays: 366 })).toEqual(["InvalidArgument", "expires_in_days"]);
    expect(await codeOf(tokensOf(alice).revokePersonalAccessToken({ tokenId: "not-a-uuid" }))).toBe("InvalidArgument");
  });

  test("another user's token, or an unknown one, is NotFound to revoke; revoking twice is fine", async () => {
    const token = await makeToken(alice, [READ]);
    expect(await codeOf(tokensOf(bob).revokePersonalAccessToken({ tokenId: token.id }))).toBe("NotFound");
    expect(await codeOf(tokensOf(bob).revokePersonalAccessToken({ tokenId: crypto.randomUUID() }))).toBe("NotFound");
    expect(await codeOf(tasksWith(token.secret).listTasks({}))).toBe("OK");
    await tokensOf(alice).revokePersonalAccessToken({ tokenId: token.id });
    expect(await codeOf(tokensOf(alice).revokePersonalAccessToken({ tokenId: token.id }))).toBe("OK");
  });

  test(`a user holds at most ${tokensPerUser} live tokens; a revoked one frees its place`, async () => {
    const carol = await registerSession(stack.baseUrl);
    const made = [];
    for (let i = 0; i < tokensPerUser; i++) made.push(await makeToken(carol, [READ]));
    expect(await codeOf(makeToken(carol, [READ]))).toBe("ResourceExhausted");
    await tokensOf(carol).revokePersonalAccessToken({ tokenId: made[0]!.id });
    expect(await codeOf(makeToken(carol, [READ]))).toBe("OK");
    expect((await tokensOf(carol).listPersonalAccessTokens({})).tokens).toHaveLength(tokensPerUser);
  }, 30_000);

  test("introspection needs the internal credential", async () => {
    const token = await makeToken(alice, [READ]);
    const secretSha256 = createHash("sha256").update(token.secret).digest("hex");
    const anonymous = connectClient(TokenService, stack.baseUrl);
    expect(await codeOf(anonymous.introspectPersonalAccessToken({ secretSha256 }))).toBe("Unauthenticated");
    expect(
      await codeOf(
        connectClient(TokenService, stack.baseUrl, token.secret).introspectPersonalAccessToken({ secretSha256 }),
      ),
    ).toBe("Unauthenticated");
    const found = await anonymous.introspectPersonalAccessToken(
      { secretSha256 },
      { headers: { [internalTokenHeader]: stack.deps.internalToken } },
    );
    expect([found.userId, found.token?.id]).toEqual([alice.userId, token.id]);
  });
});

describe("bearer tokens on every door", () => {
  test("Connect: a token acts as its owner, scoped by the owner's data", async () => {
    const token = await makeToken(alice, [READ, WRITE]);
    const { task } = await tasksWith(token.secret).createTask({ title: "from a script" });
    expect((await alice.tasks.getTask({ id: task!.id })).task?.title).toBe("from a script");
    // Bob's task is NotFound to Alice's token, as to Alice.
    const { task: bobs } = await bob.tasks.createTask({ title: "bob's" });
    expect(await codeOf(tasksWith(token.secret).getTask({ id: bobs!.id }))).toBe("NotFound");
  });

  test("gRPC (HTTP/2): the same token, the same scopes", async () => {
    const token = await makeToken(alice, [READ]);
    const grpc = createClient(
      TaskService,
      createGrpcTransport({ baseUrl: stack.grpcUrl, interceptors: [bearer(token.secret)] }),
    );
    expect(await codeOf(grpc.listTasks({}))).toBe("OK");
    expect(await codeOf(grpc.createTask({ title: "no write scope" }))).toBe("PermissionDenied");
  });

  test("/mcp: a token's tools run as its owner; a token without delete is refused delete_task and nothing is deleted", async () => {
    const token = await makeToken(alice, [READ, WRITE]);
    const client = await mcp.overHttp(token.secret);
    const added = await callTool<{ task: { id: string } }>(client, "add_task", { title: "agent's task" });
    const refused = await callToolRaw(client, "delete_task", { id: added.task.id });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain("no delete scope");
    expect((await alice.tasks.getTask({ id: added.task.id })).task?.deletedAt).toBeUndefined();

    const deleter = await mcp.overHttp((await makeToken(alice, [READ, WRITE, DELETE])).secret);
    expect((await callToolRaw(deleter, "delete_task", { id: added.task.id })).isError).toBeFalsy();
  });

  test("a bad, unknown or malformed token is Unauthenticated everywhere", async () => {
    for (const secret of [`tm_pat_${"A".repeat(43)}`, "tm_pat_short", "tm_pat_"]) {
      expect(await codeOf(tasksWith(secret).listTasks({}))).toBe("Unauthenticated");
      const response = await fetch(`${stack.baseUrl}/mcp`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${secret}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      expect(response.status).toBe(401);
    }
  });

  test("a token cannot manage tokens, its account, or the calendar feed", async () => {
    const token = await makeToken(alice, [READ, WRITE, DELETE]);
    const tokens = connectClient(TokenService, stack.baseUrl, token.secret);
    expect(await codeOf(tokens.createPersonalAccessToken({ name: "child", scopes: [READ], expiresInDays: 1 }))).toBe(
      "PermissionDenied",
    );
    expect(await codeOf(tokens.listPersonalAccessTokens({}))).toBe("PermissionDenied");
    expect(await codeOf(tokens.revokePersonalAccessToken({ tokenId: token.id }))).toBe("PermissionDenied");
    const auth = connectClient(AuthService, stack.baseUrl, token.secret);
    expect(
      await codeOf(auth.changePassword({ currentPassword: "correct horse battery", newPassword: "x".repeat(12) })),
    ).toBe("PermissionDenied");
    expect(await codeOf(auth.deleteAccount({ password: "correct horse battery" }))).toBe("PermissionDenied");
    expect((await auth.getMe({})).user?.id).toBe(alice.userId);
  });
});

describe("revocation and expiry", () => {
  test("a revoked token is refused on the next call, on Connect and /mcp", async () => {
    const token = await makeToken(alice, [READ]);
    expect(await codeOf(tasksWith(token.secret).listTasks({}))).toBe("OK");
    const client = await mcp.overHttp(token.secret);
    await callTool(client, "list_tasks", {});
    await tokensOf(alice).revokePersonalAccessToken({ tokenId: token.id });
    expect(await codeOf(tasksWith(token.secret).listTasks({}))).toBe("Unauthenticated");
    await expect(client.callTool({ name: "list_tasks", arguments: {} })).rejects.toThrow();
    expect((await tokensOf(alice).listPersonalAccessTokens({})).tokens.map((t) => t.id)).not.toContain(token.id);
  });

  test("an expired token is refused and no longer listed", async () => {
    const token = await makeToken(alice, [READ]);
    await stack.deps.database.db
      .update(personalAccessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(personalAccessTokens.id, token.id));
    expect(await codeOf(tasksWith(token.secret).listTasks({}))).toBe("Unauthenticated");
    expect((await tokensOf(alice).listPersonalAccessTokens({})).tokens.map((t) => t.id)).not.toContain(token.id);
  });

  test("a use is noted as last_used_at", async () => {
    const token = await makeToken(alice, [READ]);
    expect(
      (await tokensOf(alice).listPersonalAccessTokens({})).tokens.find((t) => t.id === token.id)?.lastUsedAt,
    ).toBeUndefined();
    await tasksWith(token.secret).listTasks({});
    expect(
      (await tokensOf(alice).listPersonalAccessTokens({})).tokens.find((t) => t.id === token.id)?.lastUsedAt,
    ).toBeDefined();
  });
});

describe("provenance", () => {
  test("each event says who acted: web session, token (which), MCP client (which token, which client), chat", async () => {
    const token = await makeToken(alice, [READ, WRITE], "nightly script");
    const { task: byWeb } = await alice.tasks.createTask({ title: "typed in the app" });
    const { task: byToken } = await tasksWith(token.secret).createTask({ title: "made by a script" });
    const agent = await makeToken(alice, [READ, WRITE], "Claude Desktop");
    const client = await mcp.overHttp(agent.secret);
    const { task: byMcp } = await callTool<{ task: { id: string } }>(client, "add_task", { title: "made by an agent" });
    const chat = connectClient(ChatService, stack.baseUrl, alice.accessToken);
    const reply = await chat.sendMessage({ text: "add buy provenance milk" });
    const byChat = reply.actions[0]?.taskId;
    expect(byChat).toBeDefined();

    const created = async (id: string) =>
      (await envelopesOf(id)).find((e) => e.eventType === "todo.events.v1.TaskCreated")!.meta;
    const web = await created(byWeb!.id);
    expect([web.actorKind, web.actorTokenId]).toEqual([ActorKind.WEB, ""]);
    const script = await created(byToken!.id);
    expect([script.actorKind, script.actorTokenId, script.actorTokenName]).toEqual([
      ActorKind.TOKEN,
      token.id,
      "nightly script",
    ]);
    const viaMcp = await created(byMcp.id);
    expect([viaMcp.actorKind, viaMcp.actorTokenId, viaMcp.actorTokenName]).toEqual([
      ActorKind.MCP,
      agent.id,
      "Claude Desktop",
    ]);
    expect(viaMcp.actorClient.length).toBeGreaterThan(0);
    expect((await created(byChat!)).actorKind).toBe(ActorKind.CHAT);

    // The stdio MCP server reaches taskmesh over Connect and says so: the token's work reads as MCP.
    const { task: byStdio } = await tasksWith(agent.secret).createTask(
      { title: "made through stdio" },
      { headers: { [mcpClientHeader]: "taskmesh-stdio" } },
    );
    const stdio = await created(byStdio!.id);
    expect([stdio.actorKind, stdio.actorTokenId, stdio.actorClient]).toEqual([
      ActorKind.MCP,
      agent.id,
      "taskmesh-stdio",
    ]);
  });

  test("token creation and revocation are events on audit-events, said to be done from the web", async () => {
    const token = await makeToken(alice, [READ], "short-lived");
    await tokensOf(alice).revokePersonalAccessToken({ tokenId: token.id });
    const rows = rowsOf<{ event_type: string }>(
      await stack.deps.database.db.execute(
        sql`select event_type from orchestrator.outbox where topic = 'audit-events' and position(convert_to(${token.id}, 'UTF8') in payload) > 0 order by id`,
      ),
    );
    expect(rows.map((r) => r.event_type)).toEqual([
      "todo.events.v1.PersonalAccessTokenCreated",
      "todo.events.v1.PersonalAccessTokenRevoked",
    ]);
  });
});
