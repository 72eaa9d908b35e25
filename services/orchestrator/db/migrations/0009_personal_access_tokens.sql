CREATE TABLE "orchestrator"."personal_access_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "personal_access_tokens_secret_hash_idx" ON "orchestrator"."personal_access_tokens" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "personal_access_tokens_user_idx" ON "orchestrator"."personal_access_tokens" USING btree ("user_id","created_at");