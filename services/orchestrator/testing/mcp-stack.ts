import { expect } from "bun:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ServiceFactory } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { LIMITS, type MailStack, startMailStack } from "./mail-stack";
import { registerSession, type Session } from "./session";
import { type Person, person } from "./share-kit";

/** McpStack is a running test stack (no Kafka) with two signed-in users and MCP clients over HTTP. */
export interface McpStack {
  stack: TestStack;
  alice: Session;
  bob: Session;
  /** overHttp connects an MCP client to /mcp with a bearer token; stop() closes it. */
  overHttp(token: string): Promise<Client>;
  stop(): Promise<void>;
}

/** McpClients connects MCP clients to a server's /mcp with bearer tokens, and closes every one it made. */
export interface McpClients {
  overHttp(token: string): Promise<Client>;
  close(): Promise<void>;
}

function mcpClients(baseUrl: string): McpClients {
  const open: Client[] = [];
  return {
    async overHttp(token) {
      const client = new Client({ name: "taskmesh-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      open.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(open.map((client) => client.close()));
    },
  };
}

export async function startMcpStack(factories: ServiceFactory[]): Promise<McpStack> {
  const stack = await startTestStack(factories, { kafka: false });
  const [alice, bob] = await Promise.all([registerSession(stack.baseUrl), registerSession(stack.baseUrl)]);
  const clients = mcpClients(stack.baseUrl);
  return {
    stack,
    alice,
    bob,
    overHttp: clients.overHttp,
    async stop() {
      await clients.close();
      await stack.stop();
    },
  };
}

/** callToolRaw runs a tool and returns its result as the protocol gives it, errors included. */
export async function callToolRaw(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** callTool runs a tool and returns its structured result, failing the test on a tool error. */
export async function callTool<T>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await callToolRaw(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

/** refusal runs a tool that must fail (the test fails otherwise) and returns its error text. */
export async function refusal(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await callToolRaw(client, name, args);
  expect([name, result.isError]).toEqual([name, true]);
  return JSON.stringify(result.content);
}

/** PeopleMcp is a mail stack with verified people (signed up one at a time) and MCP clients for them. */
export interface PeopleMcp {
  mail: MailStack;
  people: Person[];
  clients: McpClients;
  stop(): Promise<void>;
}

/**
 * startPeopleMcp starts the orchestrator and notification (no Kafka) with `count` verified people. One at a time:
 * several argon2 sign-ups at once overrun the server's deadline on a loaded machine.
 */
export async function startPeopleMcp(count: number): Promise<PeopleMcp> {
  const mail = await startMailStack(LIMITS);
  const people: Person[] = [];
  for (let i = 0; i < count; i += 1) people.push(await person(mail));
  const clients = mcpClients(mail.stack.baseUrl);
  return {
    mail,
    people,
    clients,
    async stop() {
      await clients.close();
      await mail.stop();
    },
  };
}
