import pino, { type Logger } from "pino";
import { currentScope } from "./request-context";

export type { Logger };

/** createLogger makes a JSON logger tagged with the service name and the current correlation id. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const scope = currentScope();
      return scope ? { correlationId: scope.correlationId, userId: scope.userId } : {};
    },
  });
}
