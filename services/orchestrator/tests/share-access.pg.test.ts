import { afterAll, beforeAll, expect, test } from "bun:test";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { createOrchestrator } from "../orchestrator";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { person, shareWith } from "../testing/share-kit";

/*
 * "A removed member loses access at once" across replicas. The second replica shares the database but not a bus (no
 * Kafka): it hears only the outbox batches its own relay happens to take, never the first replica's, so nothing it
 * caches can count on being told of the removal, and its calls come straight after it. Its id-taking calls read the
 * rule in the same statement as the row (db/access.ts), so the member's next call there is NotFound at once.
 */

let mail: MailStack;
let other: TestStack | undefined;
beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
}, 90_000);
afterAll(async () => {
  await other?.stop();
  await mail?.stop();
}, 60_000);

test("a member removed through one replica is refused on another at once, waiting for no event", async () => {
  const owner = await person(mail);
  const member = await person(mail);
  const { project } = await owner.projects.createProject({ name: "Two replicas" });
  await shareWith(mail, owner, project!.id, member, ProjectRole.EDITOR);
  const { task } = await owner.tasks.createTask({ title: "shared work", projectId: project!.id });
  const id = task!.id;
  // Started after the sign-ups: its relay would otherwise take some of their verification mails to its own bus.
  other = await startTestStack([createOrchestrator], { kafka: false, databaseUrl: mail.stack.databaseUrl });
  // The member works through the other replica, which reads (and caches whatever it caches of) their access.
  const tasks = connectClient(TaskService, other.baseUrl, member.accessToken);
  const projects = connectClient(ProjectService, other.baseUrl, member.accessToken);
  expect((await tasks.getTask({ id })).task!.title).toBe("shared work");
  await tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: "shared work, edited" });
  expect((await projects.getProject({ id: project!.id })).project!.name).toBe("Two replicas");
  expect((await tasks.listTasks({})).tasks.map((t) => t.id)).toContain(id);

  await owner.share.removeMember({ projectId: project!.id, userId: member.userId });

  const refused = {
    get: await codeOf(tasks.getTask({ id })),
    update: await codeOf(tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: "after" })),
    complete: await codeOf(tasks.completeTask({ id })),
    delete: await codeOf(tasks.deleteTask({ id })),
    project: await codeOf(projects.getProject({ id: project!.id })),
    listProject: await codeOf(tasks.listTasks({ projectId: project!.id })),
  };
  expect(refused).toEqual({
    get: "NotFound",
    update: "NotFound",
    complete: "NotFound",
    delete: "NotFound",
    project: "NotFound",
    listProject: "NotFound",
  });
  expect((await tasks.listTasks({})).tasks.map((t) => t.id)).not.toContain(id);
  const after = (await owner.tasks.getTask({ id })).task!;
  expect([after.title, after.status, after.version]).toEqual([task!.title.concat(", edited"), task!.status, 2n]);
}, 90_000);
