// Provenance in the audit log (issue 16): what a script's token, an MCP client and the web app do reaches the
// caller's audit log with who acted (ListAuditEvents' actor fields and the summary), and the "done by agents"
// filter (actor_kinds TOKEN and MCP) keeps only the agents' records.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { TokenScope, TokenService } from "../../../gen/todo/v1/token_service_pb";
import { createAudit } from "../../audit/audit";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { createOrchestrator } from "../orchestrator";
import { callTool, type McpStack, startMcpStack } from "../testing/mcp-stack";

let mcp: McpStack;
beforeAll(async () => {
  mcp = await startMcpStack([createOrchestrator, createAudit]);
}, 60_000);
afterAll(() => mcp.stop(), 60_000);

test("the audit log says which token or MCP client acted, and filters to what agents did", async () => {
  const { alice, bob, stack } = mcp;
  const tokens = connectClient(TokenService, stack.baseUrl, alice.accessToken);
  const script = await tokens.createPersonalAccessToken({
    name: "nightly script",
    scopes: [TokenScope.READ, TokenScope.WRITE],
    expiresInDays: 7,
  });
  const agent = await tokens.createPersonalAccessToken({
    name: "laptop agent",
    scopes: [TokenScope.READ, TokenScope.WRITE],
    expiresInDays: 7,
  });
  await alice.tasks.createTask({ title: "typed in the app" });
  await connectClient(TaskService, stack.baseUrl, script.secret).createTask({ title: "made by the script" });
  await callTool(await mcp.overHttp(agent.secret), "add_task", { title: "made by the agent" });
  // Bob's agent work stays Bob's.
  const bobs = await connectClient(TokenService, stack.baseUrl, bob.accessToken).createPersonalAccessToken({
    name: "bob's script",
    scopes: [TokenScope.WRITE],
    expiresInDays: 7,
  });
  await connectClient(TaskService, stack.baseUrl, bobs.secret).createTask({ title: "bob's scripted task" });

  const audit = connectClient(AuditService, stack.baseUrl, alice.accessToken);
  const created = await waitFor(
    "three TaskCreated records",
    async () => {
      const { events } = await audit.listAuditEvents({ eventTypes: ["TaskCreated"] });
      return events.length === 3 ? events : undefined;
    },
    10_000,
  );
  const byTitle = (title: string) => created.find((e) => e.summary.includes(title))!;
  const web = byTitle("typed in the app");
  expect([web.actorKind, web.actorTokenId, web.summary]).toEqual([
    ActorKind.WEB,
    "",
    'Task created: "typed in the app"',
  ]);
  const scripted = byTitle("made by the script");
  expect([scripted.actorKind, scripted.actorTokenId, scripted.actorTokenName, scripted.summary]).toEqual([
    ActorKind.TOKEN,
    script.token!.id,
    "nightly script",
    'Task created: "made by the script" (by token "nightly script")',
  ]);
  const mcpDone = byTitle("made by the agent");
  expect([mcpDone.actorKind, mcpDone.actorTokenId, mcpDone.actorTokenName]).toEqual([
    ActorKind.MCP,
    agent.token!.id,
    "laptop agent",
  ]);
  expect(mcpDone.summary).toStartWith('Task created: "made by the agent" (by MCP client');
  // Every door names the signed-in person (actor_user_id, issue 15) and their name then (a session's, a token's
  // and an MCP client's calls alike).
  expect([web, scripted, mcpDone].map((e) => [e.actorUserId, e.actorDisplayName])).toEqual(
    Array(3).fill([alice.userId, "Test User"]),
  );

  const agents = await audit.listAuditEvents({ actorKinds: [ActorKind.TOKEN, ActorKind.MCP] });
  expect(agents.events.map((e) => e.summary.split(" (by")[0]).sort()).toEqual([
    'Task created: "made by the agent"',
    'Task created: "made by the script"',
  ]);
  // The token's own creation is recorded too, done from the web.
  const tokenEvents = await audit.listAuditEvents({ eventTypes: ["PersonalAccessTokenCreated"] });
  expect(tokenEvents.events.map((e) => [e.summary, e.actorKind])).toContainEqual([
    'Access token created: "nightly script" (read, write)',
    ActorKind.WEB,
  ]);
  // The chain still verifies with the actor inside the hashed payload.
  expect((await audit.verifyAuditChain({})).valid).toBe(true);
  // Bad filter values are InvalidArgument.
  await expect(audit.listAuditEvents({ actorKinds: [99 as ActorKind] })).rejects.toThrow(
    /invalid_argument|InvalidArgument|actor_kinds/i,
  );
}, 30_000);
