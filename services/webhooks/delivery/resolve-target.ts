import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { judgeResolved, parseWebhookUrl, type TargetPolicy, type WebhookTarget } from "../domain/target-policy";

/** CheckedTarget is a URL whose host resolved only to allowed addresses; a request connects to `address`. */
export interface CheckedTarget extends WebhookTarget {
  address: string;
  family: 4 | 6;
}

/** TargetRefused: the URL or an address it resolves to is not allowed (SSRF guard), or it does not resolve. */
export class TargetRefused extends Error {
  constructor(
    message: string,
    /** unresolvable: the name has no address (maybe only for now), as opposed to a refused one. */
    readonly unresolvable = false,
  ) {
    super(message);
    this.name = "TargetRefused";
  }
}

/** Resolver answers every address of a name, as dns.lookup({ all: true }) does (tests pass their own). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * checkTarget resolves a webhook URL's host once and judges every answer (TargetPolicy); the caller then
 * connects to the checked address itself, so a second, different DNS answer (rebinding) cannot slip in.
 */
export async function checkTarget(
  url: string,
  policy: TargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<CheckedTarget> {
  const target = parseWebhookUrl(url);
  if (typeof target === "string") throw new TargetRefused(`url ${target}`);
  let answers: { address: string; family: number }[];
  if (isIP(target.host)) answers = [{ address: target.host, family: isIP(target.host) }];
  else {
    try {
      answers = await resolve(target.host);
    } catch (error) {
      throw new TargetRefused(
        `${target.host} does not resolve (${(error as { code?: string }).code ?? "error"})`,
        true,
      );
    }
  }
  const refusal = judgeResolved(
    target,
    answers.map((answer) => answer.address),
    policy,
  );
  if (refusal) throw new TargetRefused(refusal);
  const first = answers[0]!;
  return { ...target, address: first.address, family: first.family === 6 ? 6 : 4 };
}
