import { createClient } from "@connectrpc/connect";
import postgres from "postgres";
import { ProjectService } from "../gen/todo/v1/project_service_pb";
import { ProjectRole } from "../gen/todo/v1/share_pb";
import { ShareService } from "../gen/todo/v1/share_service_pb";
import { invitationLink } from "../services/platform/auth/email-link";
import { loadInternalToken } from "../services/platform/auth/keys";
import { type SignedIn, startOrchestratorProcess } from "./orchestrator-process";
import { ms, stats } from "./stats";

const members = Number(process.env.BENCH_SHARE_MEMBERS ?? 20);
const streamsEach = 2;
const probes = Number(process.env.BENCH_SHARE_PROBES ?? 60);

/** watchAll opens `streamsEach` WatchTasks streams for each user and notes when each stream first sees a title. */
function watchAll(users: SignedIn[], controller: AbortController) {
  const seen: Map<string, number>[] = [];
  const streams = users.flatMap((user) =>
    Array.from({ length: streamsEach }, () => {
      const arrivals = new Map<string, number>();
      seen.push(arrivals);
      return (async () => {
        try {
          for await (const change of user.tasks.watchTasks({}, { signal: controller.signal })) {
            const title = change.task?.title;
            if (title && !arrivals.has(title)) arrivals.set(title, performance.now());
          }
        } catch {
          // aborted at the end
        }
      })();
    }),
  );
  return { seen, streams };
}

/** lastArrivals changes one task `probes` times and answers, per change, the time until the last stream had it. */
async function lastArrivals(writer: SignedIn, taskId: string, seen: Map<string, number>[], label: string) {
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < probes; i++) {
    const title = `${label} ${i}`;
    const sent = performance.now();
    await writer.tasks.updateTask({ id: taskId, updateMask: { paths: ["title"] }, title });
    const deadline = performance.now() + 5_000;
    while (seen.some((s) => !s.has(title)) && performance.now() < deadline) await Bun.sleep(2);
    if (seen.some((s) => !s.has(title))) missed += 1;
    else latencies.push(Math.max(...seen.map((s) => s.get(title)!)) - sent);
    await Bun.sleep(30);
  }
  return { ...stats(latencies), missed };
}

/**
 * Share fan-out (issue 15): one change in a project shared with 20 members, each with 2 open WatchTasks streams
 * (42 streams with the owner's), timed until the last stream has it; beside it, in the same run, a single user's
 * change reaching their own 2 streams. Stack mode: a real orchestrator process, Postgres and Kafka.
 */
export async function benchShareFanout(): Promise<void> {
  const orchestrator = await startOrchestratorProcess(20);
  const sql = postgres(orchestrator.databaseUrl, { max: 1 });
  try {
    const internalToken = loadInternalToken({}, ".data/bench", true);
    const owner = await orchestrator.signIn();
    const solo = await orchestrator.signIn();
    // One at a time: 20 argon2 hashes at once on a loaded 2-core machine pass the server's deadline.
    const people: SignedIn[] = [];
    for (let i = 0; i < members; i++) people.push(await orchestrator.signIn());
    // Invitations go out only from verified accounts; the bench marks the owner verified directly.
    await sql`update orchestrator.users set email_verified_at = now() where id = ${owner.userId}`;
    const emails = await sql<{ id: string; email: string }[]>`select id, email from orchestrator.users`;
    const emailOf = new Map(emails.map((r) => [r.id, r.email]));
    const { project } = await createClient(ProjectService, owner.transport).createProject({ name: "Household" });
    const share = createClient(ShareService, owner.transport);
    for (const member of people) {
      const { invitation } = await share.inviteMember({
        projectId: project!.id,
        email: emailOf.get(member.userId)!,
        role: ProjectRole.EDITOR,
      });
      const token = new URL(invitationLink("http://x", internalToken, invitation!.id)).searchParams.get("token")!;
      await createClient(ShareService, member.transport).acceptInvitation({ id: invitation!.id, token });
    }
    const { task: sharedTask } = await owner.tasks.createTask({ title: "shared probe", projectId: project!.id });
    const { task: soloTask } = await solo.tasks.createTask({ title: "solo probe" });

    const controller = new AbortController();
    const sharedWatch = watchAll([owner, ...people], controller);
    const soloWatch = watchAll([solo], controller);
    await Bun.sleep(2000);
    const single = await lastArrivals(solo, soloTask!.id, soloWatch.seen, "solo");
    const fanned = await lastArrivals(owner, sharedTask!.id, sharedWatch.seen, "shared");
    controller.abort();
    await Promise.all([...sharedWatch.streams, ...soloWatch.streams]);

    console.log(`\nshare fan-out (stack mode, ${probes} changes each, the time until the last stream has a change)`);
    console.table({
      [`single user, ${streamsEach} streams`]: {
        n: single.count,
        missed: single.missed,
        p50: ms(single.p50),
        p99: ms(single.p99),
      },
      [`shared: owner + ${members} members, ${(members + 1) * streamsEach} streams`]: {
        n: fanned.count,
        missed: fanned.missed,
        p50: ms(fanned.p50),
        p99: ms(fanned.p99),
      },
    });
  } finally {
    await sql.end();
    await orchestrator.stop();
  }
}
