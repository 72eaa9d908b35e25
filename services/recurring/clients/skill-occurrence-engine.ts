import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Client, Code, ConnectError } from "@connectrpc/connect";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import type { Logger } from "../../platform/logger";
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

/**
 * withFallback uses `primary` and turns to `fallback` whenever the primary cannot answer: it is down,
 * absent or not configured, failing, or refuses a rule — the orchestrator accepts RRULE parts
 * (BYSETPOS, BYHOUR, …) the Recurring agent does not read, and the local engine (the agent's code
 * in process, reading every part) then decides; its InvalidRuleError is final. Both expand rules the
 * same way, and CreateTask's request_id pins whatever the first successful attempt produced, so switching
 * engines between redeliveries cannot create a second instance. RECURRENCE_ENGINE=skills is the
 * strict mode for those who want the agent's failures to stop (retry, then DLQ) instead.
 */
export function withFallback(primary: OccurrenceEngine, fallback: OccurrenceEngine, logger: Logger): OccurrenceEngine {
  let failing = false;
  return {
    name: `${primary.name}+${fallback.name}`,
    async next(query) {
      try {
        const next = await primary.next(query);
        failing = false;
        return next;
      } catch (error) {
        if (error instanceof InvalidRuleError) {
          logger.info(
            { rrule: query.rrule, reason: error.message },
            `${primary.name} refused the rule; asking ${fallback.name}`,
          );
        } else if (!failing) {
          failing = true;
          logger.warn(
            { err: error },
            `${primary.name} cannot answer; computing occurrences with ${fallback.name} until it can`,
          );
        }
        return fallback.next(query);
      }
    },
  };
}
