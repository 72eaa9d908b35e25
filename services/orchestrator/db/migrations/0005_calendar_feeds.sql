CREATE TABLE "orchestrator"."calendar_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"project_id" uuid,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_secret_hash_idx" ON "orchestrator"."calendar_feeds" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_user_project_idx" ON "orchestrator"."calendar_feeds" USING btree ("user_id",coalesce("project_id", '00000000-0000-0000-0000-000000000000'::uuid));