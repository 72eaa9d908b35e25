CREATE TABLE "orchestrator"."projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"colour" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"rank" text COLLATE "C" NOT NULL,
	"is_inbox" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orchestrator"."sections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rank" text COLLATE "C" NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orchestrator"."tasks" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "orchestrator"."tasks" ADD COLUMN "section_id" uuid;--> statement-breakpoint
ALTER TABLE "orchestrator"."tasks" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "orchestrator"."tasks" ADD COLUMN "rank" text COLLATE "C";--> statement-breakpoint
-- Hand-written: every existing user (and every owner of a task) gets an Inbox, which takes all their tasks.
INSERT INTO "orchestrator"."projects" ("id", "user_id", "name", "colour", "rank", "is_inbox", "created_at", "updated_at", "version")
SELECT gen_random_uuid(), "owner"."user_id", 'Inbox', '', 'a0', true, now(), now(), 1
FROM (SELECT "id" AS "user_id" FROM "orchestrator"."users" UNION SELECT "user_id" FROM "orchestrator"."tasks") AS "owner";--> statement-breakpoint
-- Ranks keep today's order (oldest first) as fractional-indexing keys: "e" + five base-62 digits of the row number.
UPDATE "orchestrator"."tasks" AS "t"
SET "project_id" = "p"."id",
	"rank" = 'e' || (
		SELECT string_agg(substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ("o"."n" / (62::bigint ^ "k")::bigint % 62)::int + 1, 1), '' ORDER BY "k" DESC)
		FROM generate_series(0, 4) AS "k"
	)
FROM (SELECT "id", row_number() OVER (PARTITION BY "user_id" ORDER BY "created_at", "id") AS "n" FROM "orchestrator"."tasks") AS "o",
	"orchestrator"."projects" AS "p"
WHERE "o"."id" = "t"."id" AND "p"."user_id" = "t"."user_id" AND "p"."is_inbox";--> statement-breakpoint
ALTER TABLE "orchestrator"."tasks" ALTER COLUMN "project_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orchestrator"."tasks" ALTER COLUMN "rank" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_user_rank_idx" ON "orchestrator"."projects" USING btree ("user_id","parent_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_user_inbox_idx" ON "orchestrator"."projects" USING btree ("user_id") WHERE "orchestrator"."projects"."is_inbox";--> statement-breakpoint
CREATE INDEX "sections_project_rank_idx" ON "orchestrator"."sections" USING btree ("project_id","rank");--> statement-breakpoint
CREATE INDEX "sections_user_idx" ON "orchestrator"."sections" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tasks_project_rank_idx" ON "orchestrator"."tasks" USING btree ("project_id","rank","id");--> statement-breakpoint
CREATE INDEX "tasks_section_rank_idx" ON "orchestrator"."tasks" USING btree ("section_id","rank","id") WHERE "orchestrator"."tasks"."section_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_parent_rank_idx" ON "orchestrator"."tasks" USING btree ("parent_id","rank","id") WHERE "orchestrator"."tasks"."parent_id" is not null;