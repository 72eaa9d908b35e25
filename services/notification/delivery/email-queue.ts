import type { Logger } from "../../platform/logger";
import type { EmailDue, EmailResult } from "./email-attempt";

/** EmailQueue sends reminder emails apart from the scheduler, so a slow mail server delays no in-app delivery. */
export interface EmailQueue {
  enqueue(items: EmailDue[]): void;
  /** drain waits for every queued and running attempt. */
  drain(): Promise<void>;
}

/** startEmailQueue runs email attempts, `concurrency` at a time; a retry's time goes to `onRetry`. */
export function startEmailQueue(options: {
  attempt: (due: EmailDue) => Promise<EmailResult>;
  onRetry: (at: Date) => void;
  logger: Logger;
  concurrency?: number;
}): EmailQueue {
  const concurrency = options.concurrency ?? 8;
  const queue: EmailDue[] = [];
  const running = new Set<Promise<void>>();

  const pump = () => {
    while (running.size < concurrency && queue.length > 0) {
      const due = queue.shift()!;
      const work = options
        .attempt(due)
        .then((result) => {
          if (result.kind === "retry") options.onRetry(result.nextAttemptAt);
        })
        .catch((error) =>
          options.logger.error(
            { err: error, taskId: due.claimed.taskId },
            "email attempt crashed; its lease expires and it is retried",
          ),
        )
        .finally(() => {
          running.delete(work);
          pump();
        });
      running.add(work);
    }
  };

  return {
    enqueue(items) {
      queue.push(...items);
      pump();
    },
    async drain() {
      while (queue.length > 0 || running.size > 0) await Promise.race(running);
    },
  };
}
