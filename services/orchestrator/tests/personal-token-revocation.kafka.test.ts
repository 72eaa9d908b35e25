// Revoking a personal access token takes effect on every replica (issue 16): replica B has the token cached and a
// WatchTasks stream open with it; the token is revoked on replica A; PersonalAccessTokenRevoked reaches B over
// Kafka, B refuses the token and ends the stream. Measured: revoke → refused on B.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { TokenScope, TokenService } from "../../../gen/todo/v1/token_service_pb";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { type ReplicaPair, startReplicaPair } from "../testing/replicas";

let pair: ReplicaPair;
beforeAll(async () => {
  pair = await startReplicaPair();
}, 60_000);
afterAll(() => pair.stop(), 60_000);

test("a token revoked on replica A is refused by replica B, which had it cached, and B's stream with it ends", async () => {
  const { replicaA, replicaB, owner } = pair;
  const { secret, token } = await connectClient(
    TokenService,
    replicaA.baseUrl,
    owner.accessToken,
  ).createPersonalAccessToken({ name: "on two replicas", scopes: [TokenScope.READ], expiresInDays: 1 });
  const onB = connectClient(TaskService, replicaB.baseUrl, secret);
  expect(await codeOf(onB.listTasks({}))).toBe("OK");

  let streamEnded = false;
  const stream = (async () => {
    try {
      for await (const _ of onB.watchTasks({})) {
        // heartbeats and changes until the replica ends the stream
      }
    } catch {
      // ended by the server
    }
    streamEnded = true;
  })();
  await Bun.sleep(300);
  expect(streamEnded).toBe(false);

  const revokedAt = performance.now();
  await connectClient(TokenService, replicaA.baseUrl, owner.accessToken).revokePersonalAccessToken({
    tokenId: token!.id,
  });
  // Replica A refuses at once; B within a bus hop (its 30 s cache would otherwise still accept it).
  expect(await codeOf(connectClient(TaskService, replicaA.baseUrl, secret).listTasks({}))).toBe("Unauthenticated");
  await waitFor(
    "replica B refuses the token",
    async () => (await codeOf(onB.listTasks({}))) === "Unauthenticated",
    10_000,
  );
  const refusedAfterMs = performance.now() - revokedAt;
  await waitFor("replica B ends the stream", () => streamEnded, 10_000);
  await stream;
  console.log(`revocation reached replica B in ${refusedAfterMs.toFixed(0)} ms`);
  expect(refusedAfterMs).toBeLessThan(10_000);
  // Reconnecting with the revoked token is refused.
  expect(await codeOf(onB.watchTasks({})[Symbol.asyncIterator]().next())).toBe("Unauthenticated");
}, 40_000);
