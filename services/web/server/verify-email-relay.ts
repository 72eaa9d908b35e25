import { Code, ConnectError } from "@connectrpc/connect";
import type { AnyElysia } from "elysia";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { verificationPage } from "../../platform/auth/verification-page";
import type { ClientFactory } from "../../platform/rpc/clients";

/** The codes with which VerifyEmail refuses the link itself. */
const refusedLink = new Set([Code.InvalidArgument, Code.FailedPrecondition, Code.NotFound]);

/**
 * verifyEmailRelay serves the mailed verification link (`GET /verify-email?id=…&token=…`) where web fronts
 * the services (stack mode; a cluster reached without the ingress, whose own rule sends the path to the
 * orchestrator): it confirms the address through the orchestrator's AuthService.VerifyEmail and answers
 * with the same page the orchestrator serves. Without it the path would fall to the app's index.html.
 */
export function verifyEmailRelay(clients: ClientFactory): (app: AnyElysia) => AnyElysia {
  const auth = clients.client(AuthService, "orchestrator");
  return (app) =>
    app.get("/verify-email", async ({ request }) => {
      const params = new URL(request.url).searchParams;
      try {
        await auth.verifyEmail({
          verificationId: (params.get("id") ?? "").slice(0, 64),
          token: (params.get("token") ?? "").slice(0, 128),
        });
        return verificationPage(true);
      } catch (error) {
        // A refused link (malformed, wrong or spent) is the reader's answer; an unreachable orchestrator is not.
        if (refusedLink.has(ConnectError.from(error).code)) return verificationPage(false);
        return new Response("taskmesh cannot confirm the link right now; open it again in a minute", {
          status: 503,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "60" },
        });
      }
    });
}
