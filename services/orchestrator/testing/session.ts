import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";

/** Session is a signed-in test user with real Connect clients (HTTP/1.1, the browser's protocol). */
export interface Session {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: Client<typeof AuthService>;
  tasks: Client<typeof TaskService>;
}

export const bearer = (token: string): Interceptor => (next) => (req) => {
  req.header.set("authorization", `Bearer ${token}`);
  return next(req);
};

export function anonymousAuth(baseUrl: string): Client<typeof AuthService> {
  return createClient(AuthService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
}

/** registerSession creates a fresh account and returns clients that send its token. */
export async function registerSession(baseUrl: string, init: { timeZone?: string; locale?: string } = {}): Promise<Session> {
  const email = `user-${crypto.randomUUID()}@example.com`;
  const { user, tokens } = await anonymousAuth(baseUrl).register({
    email,
    password: "correct horse battery",
    displayName: "Test User",
    timeZone: init.timeZone ?? "Asia/Karachi",
    locale: init.locale ?? "en",
  });
  const transport = createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: [bearer(tokens!.accessToken)] });
  return {
    userId: user!.id,
    email,
    accessToken: tokens!.accessToken,
    refreshToken: tokens!.refreshToken,
    auth: createClient(AuthService, transport),
    tasks: createClient(TaskService, transport),
  };
}
