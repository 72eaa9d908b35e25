import { z } from "zod";

/** Settings of the recurring service, on top of the runtime's base configuration. */
export const recurringConfigShape = {
  /** RECURRING_CONSUMER_GROUP is the Kafka consumer group on task-events (tests use their own). */
  RECURRING_CONSUMER_GROUP: z.string().min(1).default("recurring"),
  /**
   * RECURRENCE_ENGINE: "skills" asks the Recurring agent over SkillService (its failures are retried,
   * then dead-lettered); "local" computes in process; "auto" asks SkillService and computes locally
   * whenever the skills service cannot answer (absent, down, failing, or refusing a rule).
   */
  RECURRENCE_ENGINE: z.enum(["auto", "skills", "local"]).default("auto"),
  SKILLS_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
} as const;
