import { afterAll, expect, test } from "bun:test";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import type { ServiceDeps } from "../../platform/service";
import { WebRoutes } from "../testing/web-routes";

const liveId = "0190f7a4-0000-7000-8000-00000000000a";
const downId = "0190f7a4-0000-7000-8000-00000000000b";

/** A stand-in orchestrator whose VerifyEmail accepts one link, refuses others and is unreachable for `downId`. */
function orchestrator(calls: string[]) {
  return createRouterTransport((router) => {
    router.service(AuthService, {
      verifyEmail(req) {
        calls.push(req.verificationId);
        if (req.verificationId === downId) throw new ConnectError("connection refused", Code.Unavailable);
        if (req.verificationId !== liveId || req.token !== "good") {
          throw new ConnectError("this verification link is invalid, used or expired", Code.FailedPrecondition);
        }
        return {};
      },
    });
  });
}

const routes = new WebRoutes();
afterAll(() => routes.stop());

const web = (mode: ServiceDeps["mode"], calls: string[]) =>
  routes.start({ mode, orchestrator: orchestrator(calls), internalToken: "t" });

test("stack mode: /verify-email reaches the orchestrator's VerifyEmail and answers its page in three languages", async () => {
  const calls: string[] = [];
  const get = await web("stack", calls);
  const ok = await get(`/verify-email?id=${liveId}&token=good`);
  expect(ok.status).toBe(200);
  const page = await ok.text();
  expect(page).toContain("Your email address is verified");
  expect(page).toContain("تصدیق");
  expect(page).toContain("verify ho gaya");
  expect(ok.headers.get("referrer-policy")).toBe("no-referrer");
  expect(ok.headers.get("cache-control")).toBe("no-store");

  const spent = await get(`/verify-email?id=${liveId}&token=wrong`);
  expect(spent.status).toBe(400);
  expect(await spent.text()).toContain("invalid, already used or expired");
  expect((await get(`/verify-email?id=${downId}&token=good`)).status).toBe(503);
  expect(calls).toEqual([liveId, liveId, downId]);
});

test("stack mode: anything else, /reset-password included, is the web app's index.html", async () => {
  const calls: string[] = [];
  const get = await web("stack", calls);
  for (const path of ["/reset-password?id=x&token=y", "/", "/activity"]) {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("taskmesh app");
  }
  expect(calls).toEqual([]);
});

test("embedded mode leaves /verify-email to the orchestrator, which serves the same port", async () => {
  const calls: string[] = [];
  const get = await web("embedded", calls);
  // Web alone answers the path with the app; in the embedded process the orchestrator's route is registered too.
  expect(await (await get(`/verify-email?id=${liveId}&token=good`)).text()).toContain("taskmesh app");
  expect(calls).toEqual([]);
});
