CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"sequence" bigint NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"topic" text NOT NULL,
	"task_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"payload_json" text NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_sequence_positive" CHECK ("audit"."audit_events"."sequence" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit"."chain_heads" (
	"user_id" text PRIMARY KEY NOT NULL,
	"sequence" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_event_id_idx" ON "audit"."audit_events" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_user_sequence_idx" ON "audit"."audit_events" USING btree ("user_id","sequence");--> statement-breakpoint
CREATE INDEX "audit_events_user_task_idx" ON "audit"."audit_events" USING btree ("user_id","task_id","sequence");