import type { Client } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { connectClient } from "../../platform/testing/tokens";

/** User is a registered test user with a TaskService client that sends their token. */
export interface User {
  userId: string;
  tasks: Client<typeof TaskService>;
}

/** signUp registers a fresh user through AuthService. */
export async function signUp(baseUrl: string, timeZone: string): Promise<User> {
  const { user, tokens } = await connectClient(AuthService, baseUrl).register({
    email: `recurring-${crypto.randomUUID()}@example.com`,
    password: "correct horse battery",
    displayName: "Recurring Test",
    timeZone,
    locale: "en",
  });
  return { userId: user!.id, tasks: connectClient(TaskService, baseUrl, tokens!.accessToken) };
}

/** allTasks lists every task of the user (open and completed), following pages. */
export async function allTasks(user: User): Promise<Task[]> {
  const out: Task[] = [];
  let pageToken = "";
  do {
    const page = await user.tasks.listTasks({ pageSize: 200, pageToken });
    out.push(...page.tasks);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}
