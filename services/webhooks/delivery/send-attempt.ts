import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import type { TargetPolicy } from "../domain/target-policy";
import { webhookIdOf } from "../domain/webhook-payload";
import { checkTarget, type Resolver, TargetRefused } from "./resolve-target";

/** AttemptResult is one POST's outcome: the receiver's status (0 when none answered) and, on failure, why. */
export type AttemptResult = { ok: true; statusCode: number } | { ok: false; statusCode: number; error: string };

/** AttemptLimits bound one attempt. */
export interface AttemptLimits {
  timeoutMs: number;
  responseMaxBytes: number;
  policy: TargetPolicy;
  resolve?: Resolver;
}

/** signedHeaders are a delivery's Standard Webhooks headers, signed with the endpoint's whsec_ secret. */
function signedHeaders(deliveryId: string, secret: string, payload: string, at: Date): Record<string, string> {
  const webhookId = webhookIdOf(deliveryId);
  return {
    "content-type": "application/json",
    "user-agent": "taskmesh-webhooks/1",
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(webhookId, at, payload),
  };
}

/**
 * sendAttempt POSTs one delivery: it resolves and checks the target (SSRF), then connects to that checked
 * address (the `lookup` hook hands it to the socket; TLS still verifies the certificate for the host name),
 * follows no redirect, reads at most `responseMaxBytes` of the answer and gives up after `timeoutMs` in all.
 * 2xx is success; anything else, a refusal or a network error is a failure to retry.
 */
export async function sendAttempt(
  delivery: { id: string; url: string; secret: string; payload: string },
  limits: AttemptLimits,
  now: () => Date = () => new Date(),
): Promise<AttemptResult> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let target: Awaited<ReturnType<typeof checkTarget>>;
  try {
    target = await Promise.race([
      checkTarget(delivery.url, limits.policy, limits.resolve),
      new Promise<never>((_, reject) =>
        deadline.addEventListener("abort", () => reject(new TargetRefused("DNS lookup timed out", true))),
      ),
    ]);
  } catch (error) {
    return { ok: false, statusCode: 0, error: error instanceof Error ? error.message : String(error) };
  }
  const body = Buffer.from(delivery.payload);
  const headers = {
    ...signedHeaders(delivery.id, delivery.secret, delivery.payload, now()),
    "content-length": String(body.length),
  };
  const client = target.https ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(
      target.url,
      {
        method: "POST",
        headers,
        signal: deadline,
        // The socket connects to the address checked above, never to a second DNS answer.
        lookup: ((_host, options, callback) => {
          if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
          else callback(null, target.address, target.family);
        }) as LookupFunction,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        const done = () => {
          if (statusCode >= 200 && statusCode < 300) finish({ ok: true, statusCode });
          else finish({ ok: false, statusCode, error: `HTTP ${statusCode}` });
        };
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          // The answer's content is not needed: past the bound the connection is dropped, the status stands.
          if (read >= limits.responseMaxBytes) {
            response.destroy();
            done();
          }
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    request.on("error", (error) => {
      const timedOut = deadline.aborted;
      finish({ ok: false, statusCode: 0, error: timedOut ? `timed out after ${limits.timeoutMs} ms` : error.message });
    });
    request.end(body);
  });
}
