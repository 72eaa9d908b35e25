// Needs real Postgres (npm run infra:up). Issue 10 item 4: per-user quotas answer ResourceExhausted with a retry hint.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { registerSession } from "../../orchestrator/testing/session";
import { internalTokenHeader, onBehalfOfHeader } from "../../platform/rpc/clients";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { callJson } from "./input-call";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], {
    kafka: false,
    env: { QUOTA_TASK_CREATES_PER_HOUR: "3", QUOTA_CHAT_MESSAGES_PER_MINUTE: "2" },
  });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

test("task creations past the quota answer ResourceExhausted with Retry-After; another user is unaffected", async () => {
  const alice = await registerSession(stack.baseUrl);
  const bob = await registerSession(stack.baseUrl);
  const codes = [];
  for (let i = 0; i < 5; i++) codes.push(await codeOf(alice.tasks.createTask({ title: `t${i}` })));
  expect(codes).toEqual(["OK", "OK", "OK", "ResourceExhausted", "ResourceExhausted"]);
  const createTask = TaskService.methods.find((m) => m.name === "CreateTask")!;
  const raw = await callJson(stack.baseUrl, createTask, { title: "again" }, { token: alice.accessToken });
  expect(raw.code).toBe("resource_exhausted");
  // 3 per hour: the next token is back in about 20 minutes.
  expect(Number(raw.headers.get("retry-after"))).toBeGreaterThan(60);
  expect(await codeOf(bob.tasks.createTask({ title: "mine" }))).toBe("OK");
});

test("a service acting for the user (recurring's next instance) is not counted against the user's quota", async () => {
  const carol = await registerSession(stack.baseUrl);
  for (let i = 0; i < 3; i++) await carol.tasks.createTask({ title: `t${i}` });
  const asService = connectClient(TaskService, stack.baseUrl);
  const headers = new Headers({ [internalTokenHeader]: stack.deps.internalToken, [onBehalfOfHeader]: carol.userId });
  expect(await codeOf(asService.createTask({ title: "next instance" }, { headers }))).toBe("OK");
  expect(await codeOf(carol.tasks.createTask({ title: "one more" }))).toBe("ResourceExhausted");
});

test("chat messages past the quota answer ResourceExhausted, on the stream as on the unary call", async () => {
  const dave = await registerSession(stack.baseUrl);
  const chat = connectClient(ChatService, stack.baseUrl, dave.accessToken);
  expect(await codeOf(chat.sendMessage({ text: "help" }))).toBe("OK");
  expect(await codeOf(chat.sendMessage({ text: "help" }))).toBe("OK");
  expect(await codeOf(chat.sendMessage({ text: "help" }))).toBe("ResourceExhausted");
  const streamed = await callJson(
    stack.baseUrl,
    ChatService.methods.find((m) => m.name === "StreamMessage")!,
    { text: "help" },
    { token: dave.accessToken, streamMs: 3000 },
  );
  expect(streamed.code).toBe("resource_exhausted");
});

test("MCP tool calls count against the same task-creation quota as the user's own calls", async () => {
  const erin = await registerSession(stack.baseUrl);
  const mcp = new Client({ name: "quota-test", version: "1.0.0" });
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(`${stack.baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${erin.accessToken}` } },
    }),
  );
  try {
    const added = [];
    for (let i = 0; i < 4; i++)
      added.push(
        ((await mcp.callTool({ name: "add_task", arguments: { title: `via mcp ${i}` } })) as CallToolResult).isError ??
          false,
      );
    expect(added).toEqual([false, false, false, true]);
    expect(await codeOf(erin.tasks.createTask({ title: "one more" }))).toBe("ResourceExhausted");
  } finally {
    await mcp.close();
  }
});
