CREATE TABLE "orchestrator"."task_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"mentions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"edited" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "task_comments_body_check" CHECK (char_length("orchestrator"."task_comments"."body") between 1 and 4000)
);
--> statement-breakpoint
CREATE INDEX "task_comments_task_idx" ON "orchestrator"."task_comments" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "task_comments_author_idx" ON "orchestrator"."task_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "task_comments_user_idx" ON "orchestrator"."task_comments" USING btree ("user_id");