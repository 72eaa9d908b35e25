import type { Client } from "@connectrpc/connect";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import type { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { ShareService } from "../../../gen/todo/v1/share_service_pb";
import type { WatchTasksResponse } from "../../../gen/todo/v1/task_service_pb";
import { verifyThroughLink } from "../../notification/testing/verify-email";
import { invitationLink } from "../../platform/auth/email-link";
import { connectClient } from "../../platform/testing/tokens";
import type { MailStack } from "./mail-stack";
import { registerSession, type Session } from "./session";

/** Person is a signed-in test user with every client a share test calls. */
export interface Person extends Session {
  projects: Client<typeof ProjectService>;
  filters: Client<typeof FilterService>;
  share: Client<typeof ShareService>;
}

/** person registers a fresh account and, unless told not to, verifies its address through the mailed link. */
export async function person(mail: MailStack, verified = true): Promise<Person> {
  const session = await registerSession(mail.stack.baseUrl);
  if (verified) {
    const status = await verifyThroughLink(mail.sink, session.email, mail.stack.baseUrl);
    if (status !== 200) throw new Error(`verification answered ${status}`);
  }
  const { baseUrl } = mail.stack;
  return {
    ...session,
    projects: connectClient(ProjectService, baseUrl, session.accessToken),
    filters: connectClient(FilterService, baseUrl, session.accessToken),
    share: connectClient(ShareService, baseUrl, session.accessToken),
  };
}

/** invitationToken is the secret of an invitation's mailed link, as the notification service derives it. */
export function invitationToken(mail: MailStack, invitationId: string): string {
  const link = new URL(invitationLink("http://localhost", mail.stack.deps.internalToken, invitationId));
  return link.searchParams.get("token") ?? "";
}

/** shareWith makes `member` a member of the owner's project with `role`: an invitation, accepted by its link. */
export async function shareWith(
  mail: MailStack,
  owner: Person,
  projectId: string,
  member: Person,
  role: ProjectRole.EDITOR | ProjectRole.VIEWER,
): Promise<void> {
  const { invitation } = await owner.share.inviteMember({ projectId, email: member.email, role });
  await member.share.acceptInvitation({ id: invitation!.id, token: invitationToken(mail, invitation!.id) });
}

/** watch opens a WatchTasks stream and notes its changes and when the server ended it. */
export function watch(who: Person) {
  const controller = new AbortController();
  const changes: WatchTasksResponse[] = [];
  let endedAt: number | undefined;
  const done = (async () => {
    try {
      for await (const change of who.tasks.watchTasks({}, { signal: controller.signal })) {
        if (!change.heartbeat) changes.push(change);
      }
    } catch {
      // aborted at the end of the test
    }
    endedAt = Date.now();
  })();
  return {
    changes,
    ended: () => endedAt,
    close: async () => {
      controller.abort();
      await done;
    },
  };
}
