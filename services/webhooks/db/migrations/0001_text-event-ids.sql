ALTER TABLE "webhooks"."deliveries" DROP CONSTRAINT "deliveries_event_id_events_event_id_fk";--> statement-breakpoint
ALTER TABLE "webhooks"."deliveries" ALTER COLUMN "event_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "webhooks"."events" ALTER COLUMN "event_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "webhooks"."events" ALTER COLUMN "user_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "webhooks"."deliveries" ADD CONSTRAINT "deliveries_event_id_events_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "webhooks"."events"("event_id") ON DELETE cascade ON UPDATE no action;
