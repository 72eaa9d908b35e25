/**
 * `npm run mcp`: the task tools over MCP stdio, for local agents (Claude Desktop, IDEs).
 *
 * It is a client of a running taskmesh (`npm start`, or any deployment): TASKMESH_URL (default
 * http://127.0.0.1:3000) and TASKMESH_TOKEN, a user's access token. It does not open the embedded
 * database itself: PGlite allows one process, the running server's outbox relay must publish the
 * events, and going through TaskService keeps authentication and per-user scoping in one place.
 * With TASKMESH_REFRESH_TOKEN set, an expired access token is renewed once per expiry.
 */

import { createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { mcpClientHeader } from "../../platform/request-context";
import { taskApiOver } from "../tools/task-api";
import { createTaskMcpServer } from "./mcp-server";
import { renewingBearer } from "./stdio-auth";

const baseUrl = process.env.TASKMESH_URL ?? "http://127.0.0.1:3000";
const token = process.env.TASKMESH_TOKEN;
if (!token) {
  process.stderr.write("TASKMESH_TOKEN is not set: sign in (AuthService/Login) and pass the access token\n");
  process.exit(78);
}

const auth = createClient(AuthService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
const bearer = renewingBearer({ accessToken: token, refreshToken: process.env.TASKMESH_REFRESH_TOKEN, auth });
// What the tools do is recorded as an MCP client's (provenance), whichever token is used.
const asMcpClient: Interceptor = (next) => (req) => {
  req.header.set(mcpClientHeader, "taskmesh-stdio");
  return next(req);
};
const transport = createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: [bearer, asMcpClient] });
try {
  const { user } = await createClient(AuthService, transport).getMe({});
  process.stderr.write(`taskmesh MCP (stdio) for ${user?.email ?? "?"} at ${baseUrl}\n`);
} catch (error) {
  process.stderr.write(`cannot sign in to ${baseUrl}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(77);
}
await createTaskMcpServer(taskApiOver(transport)).connect(new StdioServerTransport());
