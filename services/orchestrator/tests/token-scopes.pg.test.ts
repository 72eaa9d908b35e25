// Scope enforcement over every procedure the stack serves and every MCP tool (issue 16): a personal access token
// lacking the scope a procedure or tool needs is refused (PermissionDenied) before anything runs; one holding it
// gets past auth to the handler. Session-only procedures refuse every token.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { TokenService } from "../../../gen/todo/v1/token_service_pb";
import { requirementOf, type ScopeName, tokenScopes } from "../../../vocabulary/token-scopes";
import { createAudit } from "../../audit/audit";
import { createNotification } from "../../notification/notification";
import { bearer, connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { toolScopes } from "../mcp/tool-scopes";
import { createOrchestrator } from "../orchestrator";
import { callToolRaw, type McpStack, startMcpStack } from "../testing/mcp-stack";

let mcp: McpStack;
/** A token for each set of scopes the tests need, by the scopes' names joined ("read+write"). */
const secrets = new Map<string, string>();

const scopeSets: ScopeName[][] = [
  ["read"],
  ["write"],
  ["delete"],
  ["write", "delete"],
  ["read", "delete"],
  ["read", "write"],
  ["read", "write", "delete"],
];
const key = (scopes: readonly ScopeName[]) => [...scopes].sort().join("+");
const secretFor = (scopes: readonly ScopeName[]) => secrets.get(key(scopes))!;
const allBut = (scope: ScopeName) => tokenScopes.map((s) => s.name).filter((s) => s !== scope);

beforeAll(async () => {
  mcp = await startMcpStack([createSkills, createOrchestrator, createNotification, createAudit]);
  const tokens = connectClient(TokenService, mcp.stack.baseUrl, mcp.alice.accessToken);
  for (const scopes of scopeSets) {
    const { secret } = await tokens.createPersonalAccessToken({
      name: key(scopes),
      scopes: scopes.map((name) => tokenScopes.find((s) => s.name === name)!.value),
      expiresInDays: 1,
    });
    secrets.set(key(scopes), secret);
  }
}, 60_000);
afterAll(() => mcp.stop(), 60_000);

/** outcome calls one method with an empty request and names the code it ends with ("OK" for success). */
async function outcome(service: DescService, method: DescMethod, secret: string): Promise<string> {
  const transport = createConnectTransport({
    baseUrl: mcp.stack.baseUrl,
    httpVersion: "1.1",
    interceptors: [bearer(secret)],
  });
  const client = createClient(service, transport) as unknown as Record<string, (req: object, opts: object) => unknown>;
  const call = client[method.localName]!;
  const abort = new AbortController();
  try {
    if (method.methodKind === "server_streaming") {
      // A stream the token may open: it is accepted (headers or a first message) or ends for another reason.
      setTimeout(() => abort.abort(), 1_500);
      for await (const _ of call({}, { signal: abort.signal }) as AsyncIterable<unknown>) break;
    } else await call({}, { signal: abort.signal });
    return "OK";
  } catch (error) {
    return Code[ConnectError.from(error).code];
  } finally {
    abort.abort();
  }
}

/** JsonSchema is the part of a tool's input schema sampleOf reads. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  anyOf?: JsonSchema[];
}

/** sampleOf makes a value that passes a tool's input schema (required fields only, ids as fresh UUIDs). */
function sampleOf(schema: JsonSchema, name = ""): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf[0]!, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((field) => [field, sampleOf(schema.properties![field]!, field)]),
      );
    case "array":
      return [sampleOf(schema.items ?? { type: "string" }, name)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return false;
    default:
      return schema.format === "uuid" || /(^|_)id$/.test(name) ? crypto.randomUUID() : "probe";
  }
}

/** The procedures the stack serves to users (internal modules such as skills are not reachable by tokens). */
const servedMethods = () =>
  mcp.stack.modules
    .filter((module) => !module.internal)
    .flatMap((module) => module.services)
    .flatMap((service) => service.methods.map((method) => ({ service, method })));

describe("every served procedure", () => {
  test("a token lacking the procedure's scope is refused with PermissionDenied; one holding it is let through", async () => {
    const methods = servedMethods();
    expect(methods.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const { service, method } of methods) {
      const procedure = `/${service.typeName}/${method.name}`;
      const needs = requirementOf(procedure);
      if (needs === undefined) {
        wrong.push(`${procedure}: no entry in token-scopes.ts`);
        continue;
      }
      if (needs === "public") continue;
      if (needs === "session") {
        const got = await outcome(service, method, secretFor(["read", "write", "delete"]));
        if (got !== "PermissionDenied") wrong.push(`${procedure} (session only) with every scope: ${got}`);
        continue;
      }
      const without = await outcome(service, method, secretFor(allBut(needs)));
      if (without !== "PermissionDenied") wrong.push(`${procedure} without ${needs}: ${without}`);
      const withIt = await outcome(service, method, secretFor([needs]));
      if (withIt === "PermissionDenied" || withIt === "Unauthenticated")
        wrong.push(`${procedure} with only ${needs}: ${withIt}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe("every MCP tool", () => {
  test("each listed tool has a scope; read-only tools need read, destructive deletes need delete", async () => {
    const client = await mcp.overHttp(secretFor(["read"]));
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(20);
    for (const tool of tools) {
      expect([tool.name, toolScopes[tool.name] !== undefined]).toEqual([tool.name, true]);
      if (tool.annotations?.readOnlyHint) expect([tool.name, toolScopes[tool.name]]).toEqual([tool.name, "read"]);
      if (tool.name.startsWith("delete_")) expect([tool.name, toolScopes[tool.name]]).toEqual([tool.name, "delete"]);
    }
    expect(Object.keys(toolScopes).sort()).toEqual(tools.map((t) => t.name).sort());
  });

  test("a token lacking a tool's scope is refused before the tool runs; one holding it is not", async () => {
    const probe = await mcp.overHttp(secretFor(["read"]));
    const { tools } = await probe.listTools();
    const wrong: string[] = [];
    for (const tool of tools) {
      const needs = toolScopes[tool.name]!;
      const args = sampleOf(tool.inputSchema) as Record<string, unknown>;
      const without = await callToolRaw(await mcp.overHttp(secretFor(allBut(needs))), tool.name, args);
      const text = JSON.stringify(without.content);
      if (!without.isError || !text.includes("PermissionDenied")) wrong.push(`${tool.name} without ${needs}: ${text}`);
      const withIt = await callToolRaw(await mcp.overHttp(secretFor([needs])), tool.name, args);
      if (JSON.stringify(withIt.content).includes("PermissionDenied"))
        wrong.push(`${tool.name} with ${needs}: refused`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
