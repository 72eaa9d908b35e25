import { NotificationService, type WatchNotificationsResponse } from "../../gen/todo/v1/notification_service_pb";
import { closeStreamsOnRevocation } from "../platform/auth/revoked-streams";
import { type DecodedEvent, decodeEvent, topics } from "../platform/bus/event-codec";
import { type EventHandler, idempotentHandler } from "../platform/bus/idempotent-consumer";
import { createLiveHub } from "../platform/live-hub";
import { quotaFrom } from "../platform/quota";
import type { ServiceDeps, ServiceFactory, ServiceModule } from "../platform/service";
import { withOutboxRelay } from "../platform/with-outbox-relay";
import { loadNotificationConfig } from "./config";
import { toPush } from "./db/notification-message";
import { outbox, processedEvents } from "./db/schema";
import { type DeliveryDeps, isClaimed } from "./delivery/claimed";
import { deliverReminders } from "./delivery/deliver-reminders";
import {
  type DigestScheduler,
  type DigestSource,
  filterServiceDigestSource,
  startDigestScheduler,
} from "./delivery/digest-sender";
import { emailAttempt } from "./delivery/email-attempt";
import { authServiceEmailLookup, type EmailLookup } from "./delivery/email-lookup";
import { type EmailQueue, startEmailQueue } from "./delivery/email-queue";
import { logMailer, smtpMailer } from "./delivery/mailer";
import { authServiceProfileLookup, type ProfileLookup, profilesReadAhead } from "./delivery/profile-lookup";
import { type Scheduler, startScheduler } from "./delivery/scheduler";
import { createRecentIds } from "./domain/recent-ids";
import { defaultRetryPolicy } from "./domain/retry";
import { accountDeletionHandlers } from "./events/account-deletion-consumer";
import { accountMailHandlers } from "./events/account-mail-consumer";
import { peopleAnnounced } from "./events/announce";
import { assignmentHandlers } from "./events/assignment-consumer";
import { subscribeDeliveredNotifications } from "./events/live-view-consumer";
import { mentionHandlers } from "./events/mention-consumer";
import { armedTime, reminderHandlers } from "./events/reminder-consumer";
import { shareMailHandlers } from "./events/share-mail-consumer";
import { notificationHandlers } from "./rpc/notification-handlers";

/** NotificationOptions are the seams a test or another deployment may replace. */
export interface NotificationOptions {
  /** lookupEmail finds a user's address; by default AuthService.GetMe on the orchestrator, as the user. */
  lookupEmail?: (deps: ServiceDeps) => EmailLookup;
  /** heartbeatMs is how long a quiet WatchNotifications stream waits before a heartbeat (default 15 s). */
  heartbeatMs?: number;
  /** lookupProfile reads a user's zone and language; by default AuthService.GetMe, as the user. */
  lookupProfile?: (deps: ServiceDeps) => ProfileLookup;
  /** digestSource reads a user's overdue and today's tasks; by default FilterService.ListToday, as the user. */
  digestSource?: (deps: ServiceDeps) => DigestSource;
}

/** reminderPartitionsAtOnce: the reminders and task-events topics have 3 partitions each. */
const reminderPartitionsAtOnce = 6;

/** notificationFactory builds the notification service with the given seams. */
export function notificationFactory(options: NotificationOptions = {}): ServiceFactory {
  return async (deps) => {
    const config = loadNotificationConfig(deps.env);
    const logger = deps.logger.child({ app: "notification" });
    const db = deps.database.db;
    // Every replica pushes every new in-app notification to its own streams: the delivering replica at
    // once, the others when its ReminderDelivered reaches them (subscribeDeliveredNotifications). Clients
    // list their notifications on (re)connect, so a push missed in between loses nothing.
    const hub = createLiveHub<WatchNotificationsResponse>({ heartbeatMs: options.heartbeatMs });
    // Remembered long enough to outlast a reminder's email retries, after which its ReminderDelivered comes.
    const pushed = createRecentIds({ ttlMs: 15 * 60_000, max: 50_000 });
    const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.NOTIFICATION_EMAIL_FROM) : logMailer(logger);
    if (!config.SMTP_URL && deps.mode !== "embedded")
      logger.warn("SMTP_URL is not set: reminder emails are written to the log");
    const lookupEmail = (options.lookupEmail ?? ((d: ServiceDeps) => authServiceEmailLookup(d.clients)))(deps);
    const profiles = (options.lookupProfile ?? ((d: ServiceDeps) => authServiceProfileLookup(d.clients)))(deps);
    const announced = profilesReadAhead(profiles);
    const digestSource = (options.digestSource ?? ((d: ServiceDeps) => filterServiceDigestSource(d.clients)))(deps);
    // A new group reads each topic from its beginning; tests name their own group (NOTIFICATION_CONSUMER_GROUP)
    // and place it at the end first (platform/testing/kafka-groups).
    const consumer = { groupId: config.NOTIFICATION_CONSUMER_GROUP, fromBeginning: true };
    let scheduler: Scheduler | undefined;
    let emails: EmailQueue | undefined;
    let digestScheduler: DigestScheduler | undefined;

    return withOutboxRelay(
      deps,
      outbox,
      (relay): ServiceModule => ({
        appId: "notification",
        services: [NotificationService],
        routes: (router) =>
          router.service(
            NotificationService,
            notificationHandlers({
              db,
              hub,
              shutdown: deps.lifecycle.signal,
              profiles,
              onSnoozed: (at) => scheduler?.wake(at),
              onDigestArmed: () => digestScheduler?.wake(),
            }),
          ),
        migrations: { folder: `${import.meta.dir}/db/migrations`, schema: "notification" },
        async start() {
          const delivery: DeliveryDeps = {
            db,
            logger,
            mailer,
            lookupEmail,
            emailQuota: quotaFrom("reminderEmails", deps.env),
            retry: { ...defaultRetryPolicy, baseMs: config.NOTIFICATION_RETRY_BASE_MS },
            onNotification: (row) => {
              if (pushed.firstTime(row.id)) hub.publish(row.userId, toPush(row));
            },
            onEvents: () => relay.wake(),
          };
          const emailQueue = startEmailQueue({
            attempt: (due) => emailAttempt(delivery, due),
            onRetry: (at) => reminderScheduler.wake(at),
            logger,
          });
          emails = emailQueue;
          // The scheduler starts before the consumer: reminders that fell due while we were down go first.
          const reminderScheduler = startScheduler({
            db,
            logger,
            lookaheadMs: config.NOTIFICATION_LOOKAHEAD_MS,
            safetyPollMs: config.NOTIFICATION_SAFETY_POLL_MS,
            deliver: async (rows) => emailQueue.enqueue(await deliverReminders(delivery, rows.filter(isClaimed))),
          });
          scheduler = reminderScheduler;
          digestScheduler = startDigestScheduler({
            db,
            logger,
            mailer,
            profiles,
            source: digestSource,
            retry: { ...defaultRetryPolicy, baseMs: config.NOTIFICATION_RETRY_BASE_MS },
            pollMs: config.NOTIFICATION_DIGEST_POLL_MS,
          });
          // Before the durable consumer, after the scheduler: joining a group must not hold up overdue reminders.
          await subscribeDeliveredNotifications({ bus: deps.bus, db, logger, hub, pushed });
          await closeStreamsOnRevocation(deps.bus, hub, "notification-revoked-streams");
          await deps.bus.subscribe({
            groupId: consumer.groupId,
            topics: [topics.reminders, topics.taskEvents],
            fromBeginning: consumer.fromBeginning,
            // One event is one transaction of ~5 round trips: a partition at a time armed 25-100 events/s on the
            // loaded 2-core machine, so a burst of 1,000 reminders was still being armed when it fell due. Partitions
            // (keyed by task) are handled at once; a task's events on the two topics may then overlap, as they already
            // do across replicas, and its reminder_tasks row lock (taken first by every change) orders them.
            concurrency: reminderPartitionsAtOnce,
            handle: idempotentHandler({
              db,
              table: processedEvents,
              consumer: consumer.groupId,
              handlers: reminderHandlers(),
              afterCommit: (event) => {
                const at = armedTime(event);
                if (at) reminderScheduler.wake(at);
              },
            }),
          });
          // A group of its own (`<group>-<suffix>`) for handlers that must not wait behind the reminders.
          // `before` runs outside (ahead of) the handlers' transaction: see profilesReadAhead.
          const subscribeGroup = (
            suffix: string,
            topicNames: string[],
            handlers: EventHandler[],
            before?: (event: DecodedEvent) => Promise<void>,
          ) => {
            const groupId = `${consumer.groupId}-${suffix}`;
            const handle = idempotentHandler({ db, table: processedEvents, consumer: groupId, handlers });
            return deps.bus.subscribe({
              groupId,
              topics: topicNames,
              fromBeginning: consumer.fromBeginning,
              handle: before
                ? async (message) => {
                    await before(decodeEvent(message));
                    await handle(message);
                  }
                : handle,
            });
          };
          await subscribeGroup(
            "account-mail",
            [topics.auditEvents],
            [
              ...accountMailHandlers({
                mailer,
                internalToken: deps.internalToken,
                publicUrl: config.PUBLIC_URL,
                logger,
              }),
              ...accountDeletionHandlers(),
            ],
          );
          // Invitations, mentions and assignments have their own group: a slow SMTP server never holds up reminders.
          await subscribeGroup(
            "share-mail",
            [topics.taskEvents],
            [
              ...shareMailHandlers({ mailer, internalToken: deps.internalToken, publicUrl: config.PUBLIC_URL }),
              ...mentionHandlers({ mailer, profiles: announced, hub, pushed }),
              ...assignmentHandlers({ mailer, profiles: announced, hub, pushed }),
            ],
            (event) => announced.ahead(peopleAnnounced(event), event.meta.correlationId),
          );
        },
        async stop() {
          await scheduler?.stop();
          await digestScheduler?.stop();
          await emails?.drain();
          mailer.close();
        },
      }),
    );
  };
}

/** createNotification is the notification service as every mode runs it. */
export const createNotification: ServiceFactory = notificationFactory();
