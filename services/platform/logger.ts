import pino, { type Logger } from "pino";
import { currentScope } from "./request-context";
import { redactedError } from "./transient";

export type { Logger };

/** createLogger makes a JSON logger tagged with the service name and the current correlation id. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // A failed query's error carries its SQL and every parameter (user data, password hashes): logs get the
    // statement's name and the database's code instead (transient.ts).
    serializers: { err: (error: unknown) => redactedError(error) },
    mixin() {
      const scope = currentScope();
      return scope ? { correlationId: scope.correlationId, userId: scope.userId } : {};
    },
  });
}
