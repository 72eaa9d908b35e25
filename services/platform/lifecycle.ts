import type { Logger } from "./logger";
import { isTransientDependencyError, redactedError } from "./transient";

/** Lifecycle runs stop hooks in reverse order on SIGTERM/SIGINT, within a deadline. */
export interface Lifecycle {
  /** signal aborts when shutdown begins; long-lived streams end on it. */
  signal: AbortSignal;
  onStop(name: string, hook: () => Promise<void> | void): void;
  shutdown(reason: string): Promise<void>;
}

export function createLifecycle(
  logger: Logger,
  timeoutMs: number,
  exit: (code: number) => void = process.exit,
): Lifecycle {
  const controller = new AbortController();
  const hooks: { name: string; hook: () => Promise<void> | void }[] = [];
  let shuttingDown: Promise<void> | undefined;

  const lifecycle: Lifecycle = {
    signal: controller.signal,
    onStop(name, hook) {
      hooks.push({ name, hook });
    },
    shutdown(reason) {
      shuttingDown ??= (async () => {
        logger.info({ reason }, "shutting down");
        controller.abort(new Error(reason));
        const deadline = setTimeout(() => {
          logger.error({ timeoutMs }, "shutdown deadline passed; exiting");
          exit(1);
        }, timeoutMs);
        for (const { name, hook } of [...hooks].reverse()) {
          try {
            await hook();
          } catch (error) {
            logger.error({ err: error, hook: name }, "stop hook failed");
          }
        }
        clearTimeout(deadline);
        logger.info("stopped");
      })();
      return shuttingDown;
    },
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void lifecycle.shutdown(signal).then(() => exit(0)));
  }
  installCrashPolicy(logger, lifecycle, exit);
  return lifecycle;
}

/**
 * installCrashPolicy decides what an error nobody caught means. A dependency outage that escaped a socket
 * or timer callback (a connection reset, a broker gone) is logged and the process carries on: its pools and
 * clients reconnect by themselves. Anything else is a bug whose damage is unknown, so the process logs it
 * and exits with 1 after a bounded shutdown — deliberately, for the orchestrator to restart it.
 */
function installCrashPolicy(logger: Logger, lifecycle: Lifecycle, exit: (code: number) => void): void {
  const onError = (kind: "uncaughtException" | "unhandledRejection") => (error: unknown) => {
    if (isTransientDependencyError(error)) {
      logger.warn({ err: redactedError(error), kind }, "dependency error outside any request; continuing");
      return;
    }
    logger.fatal({ err: redactedError(error), kind }, "unexpected error; exiting to be restarted");
    void lifecycle.shutdown(kind).finally(() => exit(1));
  };
  process.on("uncaughtException", onError("uncaughtException"));
  process.on("unhandledRejection", onError("unhandledRejection"));
}
