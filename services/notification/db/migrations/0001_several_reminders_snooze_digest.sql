CREATE TABLE "notification"."digests" (
	"user_id" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"last_sent_date" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_id" uuid,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."reminder_tasks" (
	"task_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"task_version" bigint NOT NULL,
	"ended" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Per-task versions and tombstones move to reminder_tasks; the schedule rows become one per reminder time.
INSERT INTO "notification"."reminder_tasks" ("task_id", "user_id", "task_version")
  SELECT "task_id", "user_id", "task_version" FROM "notification"."reminder_schedules";--> statement-breakpoint
DELETE FROM "notification"."reminder_schedules" WHERE "remind_at" IS NULL;--> statement-breakpoint
ALTER TABLE "notification"."preferences" ADD COLUMN "digest_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."preferences" ADD COLUMN "digest_time" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."preferences" ADD COLUMN "digest_language" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."reminder_schedules" ADD COLUMN "id" text;--> statement-breakpoint
UPDATE "notification"."reminder_schedules"
  SET "id" = "task_id" || '@' || to_char("remind_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');--> statement-breakpoint
ALTER TABLE "notification"."reminder_schedules" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."reminder_schedules" DROP CONSTRAINT "reminder_schedules_pkey";--> statement-breakpoint
ALTER TABLE "notification"."reminder_schedules" ADD PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "notification"."reminder_schedules" ADD COLUMN "kind" text DEFAULT 'reminder' NOT NULL;--> statement-breakpoint
CREATE INDEX "digests_next_run_idx" ON "notification"."digests" USING btree ("next_run_at");--> statement-breakpoint
CREATE INDEX "reminder_schedules_task_idx" ON "notification"."reminder_schedules" USING btree ("task_id");--> statement-breakpoint
ALTER TABLE "notification"."reminder_schedules" ADD CONSTRAINT "reminder_schedules_kind_check" CHECK ("notification"."reminder_schedules"."kind" in ('reminder', 'snooze'));