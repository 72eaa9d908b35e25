import type { Client } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { connectClient } from "../../platform/testing/tokens";

/** Session is a signed-in test user with real Connect clients (HTTP/1.1, the browser's protocol). */
export interface Session {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: Client<typeof AuthService>;
  tasks: Client<typeof TaskService>;
}

/** bearer sends a token with every call. */
export { bearer } from "../../platform/testing/tokens";

export function anonymousAuth(baseUrl: string): Client<typeof AuthService> {
  return connectClient(AuthService, baseUrl);
}

/** registerSession creates a fresh account and returns clients that send its token. */
export async function registerSession(
  baseUrl: string,
  init: { timeZone?: string; locale?: string } = {},
): Promise<Session> {
  const email = `user-${crypto.randomUUID()}@example.com`;
  const { user, tokens } = await anonymousAuth(baseUrl).register({
    email,
    password: "correct horse battery",
    displayName: "Test User",
    timeZone: init.timeZone ?? "Asia/Karachi",
    locale: init.locale ?? "en",
  });
  return {
    userId: user!.id,
    email,
    accessToken: tokens!.accessToken,
    refreshToken: tokens!.refreshToken,
    auth: connectClient(AuthService, baseUrl, tokens!.accessToken),
    tasks: connectClient(TaskService, baseUrl, tokens!.accessToken),
  };
}
