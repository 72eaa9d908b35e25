CREATE SCHEMA "notification";
--> statement-breakpoint
CREATE TABLE "notification"."notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"task_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"delivered_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"headers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification"."preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email_enabled" boolean NOT NULL,
	"in_app_enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "notification"."reminder_schedules" (
	"task_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"remind_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"title" text DEFAULT '' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"task_version" bigint NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"lease_id" uuid,
	"notification_id" uuid,
	"email_done" boolean DEFAULT false NOT NULL,
	"last_error" text,
	"correlation_id" text DEFAULT '' NOT NULL,
	"causation_id" text DEFAULT '' NOT NULL,
	"delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_schedules_state_check" CHECK ("notification"."reminder_schedules"."state" in ('pending', 'leased', 'delivered', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notification"."notifications" USING btree ("user_id","delivered_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notification"."notifications" USING btree ("user_id") WHERE "notification"."notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_reminder_idx" ON "notification"."notifications" USING btree ("task_id","remind_at");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "notification"."outbox" USING btree ("id") WHERE "notification"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "reminder_schedules_due_idx" ON "notification"."reminder_schedules" USING btree ("next_attempt_at") WHERE "notification"."reminder_schedules"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "reminder_schedules_lease_idx" ON "notification"."reminder_schedules" USING btree ("lease_until") WHERE "notification"."reminder_schedules"."state" = 'leased';