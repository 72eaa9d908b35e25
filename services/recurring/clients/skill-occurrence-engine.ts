import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import type { Logger } from "../../platform/logger";
import { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { InvalidRuleError } from "../domain/next-occurrence";
import type { OccurrenceEngine } from "../domain/occurrence-engine";

/**
 * skillOccurrenceEngine asks the Recurring agent (todo.skills.v1.SkillService/NextOccurrence).
 * `client` is called per request: in embedded mode the skills module may be absent, which the
 * client factory reports only when a client is asked for.
 */
export function skillOccurrenceEngine(client: () => Client<typeof SkillService>, timeoutMs = 2000): OccurrenceEngine {
  return {
    name: "skills",
    async next(query) {
      try {
        const response = await client().nextOccurrence(
          {
            rrule: query.rrule,
            after: timestampFromDate(query.after),
            dtstart: timestampFromDate(query.dtstart),
            timeZone: query.timeZone,
            completedCount: query.completedCount,
          },
          { timeoutMs },
        );
        return response.ended || !response.next ? null : timestampDate(response.next);
      } catch (error) {
        if (error instanceof ConnectError && error.code === Code.InvalidArgument) {
          throw new InvalidRuleError(`SkillService refused the rule: ${error.rawMessage}`, { cause: error });
        }
        throw error;
      }
    },
  };
}

const unreachableCodes = new Set([Code.Unavailable, Code.Unimplemented, Code.DeadlineExceeded, Code.NotFound]);

/** isUnreachable: the skills service is absent or down (not a verdict on the rule). */
function isUnreachable(error: unknown): boolean {
  if (error instanceof InvalidRuleError) return false;
  if (error instanceof ConnectError) return unreachableCodes.has(error.code);
  // The client factory throws plain errors when no address or in-process module is configured.
  return error instanceof Error;
}

/**
 * withFallback uses `primary` and, when it is unreachable, `fallback`. Both implement the same
 * RFC 5545 semantics, and CreateTask's request_id pins whatever the first successful attempt
 * produced, so switching engines between redeliveries cannot create a second instance.
 */
export function withFallback(primary: OccurrenceEngine, fallback: OccurrenceEngine, logger: Logger): OccurrenceEngine {
  let warned = false;
  return {
    name: `${primary.name}+${fallback.name}`,
    async next(query) {
      try {
        const next = await primary.next(query);
        warned = false;
        return next;
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        if (!warned) logger.warn({ err: error, engine: fallback.name }, `${primary.name} unreachable; computing occurrences with ${fallback.name}`);
        warned = true;
        return fallback.next(query);
      }
    },
  };
}
