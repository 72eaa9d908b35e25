CREATE TABLE "orchestrator"."project_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"inviter_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "project_invitations_role_check" CHECK ("orchestrator"."project_invitations"."role" in ('editor', 'viewer'))
);
--> statement-breakpoint
CREATE TABLE "orchestrator"."project_members" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id"),
	CONSTRAINT "project_members_role_check" CHECK ("orchestrator"."project_members"."role" in ('editor', 'viewer'))
);
--> statement-breakpoint
CREATE INDEX "project_invitations_project_idx" ON "orchestrator"."project_invitations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_invitations_email_idx" ON "orchestrator"."project_invitations" USING btree ("email") WHERE "orchestrator"."project_invitations"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "orchestrator"."project_members" USING btree ("user_id","project_id");--> statement-breakpoint
CREATE INDEX "projects_parent_idx" ON "orchestrator"."projects" USING btree ("parent_id") WHERE "orchestrator"."projects"."parent_id" is not null;