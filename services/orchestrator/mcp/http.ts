import { Code, ConnectError } from "@connectrpc/connect";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AnyElysia } from "elysia";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import type { TokenVerifier } from "../../platform/auth/auth-interceptor";
import { isPersonalToken, type PersonalTokenVerifier } from "../../platform/auth/personal-tokens";
import type { Logger } from "../../platform/logger";
import {
  type Actor,
  clientNameFrom,
  correlationHeader,
  correlationIdFrom,
  runInScope,
} from "../../platform/request-context";
import type { TaskApiFor } from "../tools/task-api";
import { createTaskMcpServer } from "./mcp-server";

/** The path MCP clients connect to (Streamable HTTP). */
const mcpPath = "/mcp";

const jsonRpcError = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  Response.json({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }, { status, headers });

const unauthorized = (message: string): Response =>
  jsonRpcError(401, message, { "www-authenticate": `Bearer realm="taskmesh", error="invalid_token"` });

/**
 * mcpRoute serves the task tools over MCP Streamable HTTP at /mcp, statelessly: each POST carries a
 * user's bearer token (a personal access token, whose scopes bind every tool, or a session's access token) and gets a fresh server whose tools are scoped to that user. There are no
 * sessions and no server-initiated streams, so GET and DELETE answer 405.
 */
export function mcpRoute(options: {
  verifyToken: TokenVerifier;
  personalTokens: PersonalTokenVerifier;
  apiFor: TaskApiFor;
  logger: Logger;
}): (app: AnyElysia) => AnyElysia {
  const handle = async (request: Request): Promise<Response> => {
    if (request.method !== "POST")
      return jsonRpcError(405, "this MCP endpoint is stateless: use POST", { allow: "POST" });
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token) return unauthorized("missing bearer token");
    let userId: string;
    let actor: Actor;
    const client = clientNameFrom(request.headers.get("user-agent"));
    try {
      if (isPersonalToken(token)) {
        const grant = await options.personalTokens(token);
        userId = grant.userId;
        actor = {
          kind: ActorKind.MCP,
          tokenId: grant.tokenId,
          tokenName: grant.tokenName,
          client,
          scopes: grant.scopes,
        };
      } else {
        userId = await options.verifyToken(token);
        actor = { kind: ActorKind.MCP, client };
      }
    } catch (error) {
      if (ConnectError.from(error).code === Code.Unavailable)
        return jsonRpcError(503, "tokens cannot be checked now", { "retry-after": "5" });
      return unauthorized("invalid or expired access token");
    }
    const correlationId = correlationIdFrom(request.headers.get(correlationHeader));
    return runInScope({ correlationId, userId, actor }, async () => {
      const server = createTaskMcpServer(options.apiFor(userId, { asUser: true }));
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      try {
        await server.connect(transport);
        return await transport.handleRequest(request, {
          authInfo: { token, clientId: userId, scopes: actor.scopes ? [...actor.scopes] : [] },
        });
      } catch (error) {
        options.logger.error({ err: error }, "mcp request failed");
        return jsonRpcError(500, "internal error");
      } finally {
        await server.close();
      }
    });
  };
  // The body belongs to the MCP transport: Elysia must not parse it.
  return (app) => app.all(mcpPath, ({ request }) => handle(request), { parse: "none" });
}
