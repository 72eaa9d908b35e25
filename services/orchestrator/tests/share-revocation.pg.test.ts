import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { PendingKind } from "../../../gen/todo/v1/chat_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { ShareService } from "../../../gen/todo/v1/share_service_pb";
import { invitationLink } from "../../platform/auth/email-link";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { chatSession } from "../testing/chat-session";
import { callTool, callToolRaw, type McpStack, startMcpStack } from "../testing/mcp-stack";
import type { Session } from "../testing/session";

// A removed member loses access at once everywhere they act through: a chat confirmation pending on a shared
// task is refused, and an open MCP session's next call is refused.
let mcp: McpStack;
beforeAll(async () => {
  mcp = await startMcpStack([createSkills, createOrchestrator]);
}, 60_000);
afterAll(() => mcp.stop(), 60_000);

/** share makes `member` an editor of a new project of `owner` holding one task, and returns both ids. */
async function share(owner: Session, member: Session, name: string, title: string) {
  const { stack } = mcp;
  // The owner's address counts as verified (invitations go out only from verified accounts).
  await stack.deps.database.db.execute(
    sql`update orchestrator.users set email_verified_at = now() where id = ${owner.userId}`,
  );
  const projects = connectClient(ProjectService, stack.baseUrl, owner.accessToken);
  const { project } = await projects.createProject({ name });
  const { task } = await owner.tasks.createTask({ title, projectId: project!.id });
  const { invitation } = await connectClient(ShareService, stack.baseUrl, owner.accessToken).inviteMember({
    projectId: project!.id,
    email: member.email,
    role: ProjectRole.EDITOR,
  });
  const token = new URL(invitationLink("http://x", stack.deps.internalToken, invitation!.id)).searchParams.get(
    "token",
  )!;
  await connectClient(ShareService, stack.baseUrl, member.accessToken).acceptInvitation({ id: invitation!.id, token });
  return { projectId: project!.id, taskId: task!.id };
}

const removeMember = (owner: Session, projectId: string, userId: string) =>
  connectClient(ShareService, mcp.stack.baseUrl, owner.accessToken).removeMember({ projectId, userId });

test("a chat confirmation pending on a shared task is refused once the member is removed", async () => {
  const owner = mcp.alice;
  const member = await chatSession(mcp.stack.baseUrl);
  const { projectId, taskId } = await share(owner, member, "Rent", "pay the rent");
  const ask = await member.say("delete the rent task");
  expect(ask.pending).toMatchObject({ kind: PendingKind.CONFIRMATION });
  await removeMember(owner, projectId, member.userId);
  const yes = await member.say("yes");
  expect(yes.reply?.text).toBe("That task is no longer there.");
  expect(yes.actions.filter((a) => a.taskId === taskId && a.tool === "delete_task")).toEqual([]);
  expect((await owner.tasks.getTask({ id: taskId })).task).toMatchObject({ title: "pay the rent", deleted: false });
}, 60_000);

test("an open MCP session of a removed member is refused on its next call", async () => {
  const owner = mcp.alice;
  const member = mcp.bob;
  const { projectId, taskId } = await share(owner, member, "Errands", "post the letter");
  const client = await mcp.overHttp(member.accessToken);
  const listed = await callTool<{ tasks: { id: string }[] }>(client, "list_tasks", { status: "any" });
  expect(listed.tasks.map((t) => t.id)).toContain(taskId);
  await removeMember(owner, projectId, member.userId);
  const result = await callToolRaw(client, "complete_task", { id: taskId });
  expect(result.isError).toBe(true);
  expect(JSON.stringify(result.content)).toContain("NotFound");
  const after = await callTool<{ tasks: { id: string }[] }>(client, "list_tasks", { status: "any" });
  expect(after.tasks.map((t) => t.id)).not.toContain(taskId);
  expect((await owner.tasks.getTask({ id: taskId })).task).toMatchObject({ status: 1 });
}, 60_000);
