ALTER TABLE "notification"."reminder_tasks" ADD COLUMN "assignee_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."reminder_tasks" ADD COLUMN "assignee_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."reminder_tasks" ADD COLUMN "project_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."reminder_tasks" ADD COLUMN "owner_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "reminder_tasks_owner_project_idx" ON "notification"."reminder_tasks" USING btree ("user_id","project_id");--> statement-breakpoint
CREATE INDEX "reminder_tasks_assignee_idx" ON "notification"."reminder_tasks" USING btree ("assignee_id") WHERE "notification"."reminder_tasks"."assignee_id" <> '';