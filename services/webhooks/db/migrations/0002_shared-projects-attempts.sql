CREATE TABLE "webhooks"."attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL,
	"status_code" integer NOT NULL,
	"error" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"succeeded" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks"."project_members" (
	"project_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "webhooks"."project_tree" (
	"project_id" text PRIMARY KEY NOT NULL,
	"parent_id" text
);
--> statement-breakpoint
ALTER TABLE "webhooks"."deliveries" ADD COLUMN "shared_project_id" text;--> statement-breakpoint
ALTER TABLE "webhooks"."events" ADD COLUMN "shared_root" text;--> statement-breakpoint
ALTER TABLE "webhooks"."attempts" ADD CONSTRAINT "attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "webhooks"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attempts_delivery_idx" ON "webhooks"."attempts" USING btree ("delivery_id","id");--> statement-breakpoint
CREATE INDEX "attempts_time_idx" ON "webhooks"."attempts" USING btree ("attempted_at");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "webhooks"."project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_shared_time_idx" ON "webhooks"."events" USING btree ("shared_root","occurred_at") WHERE "webhooks"."events"."shared_root" is not null;