import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ServiceFactory } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { registerSession, type Session } from "./session";

/** McpStack is a running test stack (no Kafka) with two signed-in users and MCP clients over HTTP. */
export interface McpStack {
  stack: TestStack;
  alice: Session;
  bob: Session;
  /** overHttp connects an MCP client to /mcp with a bearer token; stop() closes it. */
  overHttp(token: string): Promise<Client>;
  stop(): Promise<void>;
}

export async function startMcpStack(factories: ServiceFactory[]): Promise<McpStack> {
  const stack = await startTestStack(factories, { kafka: false });
  const [alice, bob] = await Promise.all([registerSession(stack.baseUrl), registerSession(stack.baseUrl)]);
  const open: Client[] = [];
  return {
    stack,
    alice,
    bob,
    async overHttp(token) {
      const client = new Client({ name: "taskmesh-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${stack.baseUrl}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      open.push(client);
      return client;
    },
    async stop() {
      await Promise.all(open.map((client) => client.close()));
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
