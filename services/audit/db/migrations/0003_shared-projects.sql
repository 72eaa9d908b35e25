CREATE TABLE "audit"."project_members" (
	"project_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "audit"."projects" (
	"project_id" text PRIMARY KEY NOT NULL,
	"parent_id" text DEFAULT '' NOT NULL,
	"owner_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit"."audit_events" ADD COLUMN "project_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit"."audit_events" ADD COLUMN "actor_user_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_project_members_user_idx" ON "audit"."project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_projects_parent_idx" ON "audit"."projects" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "audit_events_project_idx" ON "audit"."audit_events" USING btree ("project_id","id") WHERE "audit"."audit_events"."project_id" <> '';--> statement-breakpoint
-- Backfill the projection from the history already recorded (the payloads are protobuf JSON): each project's
-- parent and owner as its latest project event left them, then a later ownership transfer's new owner.
INSERT INTO "audit"."projects" ("project_id", "parent_id", "owner_id", "updated_at")
SELECT DISTINCT ON (p #>> '{project,id}') p #>> '{project,id}', coalesce(p #>> '{project,parentId}', ''), e.user_id, e.recorded_at
FROM "audit"."audit_events" e CROSS JOIN LATERAL (SELECT e.payload_json::jsonb AS p) j
WHERE e.event_type IN ('todo.events.v1.ProjectCreated', 'todo.events.v1.ProjectUpdated', 'todo.events.v1.ProjectArchived',
    'todo.events.v1.ProjectUnarchived', 'todo.events.v1.ProjectDeleted', 'todo.events.v1.ProjectRestored')
  AND p #>> '{project,id}' IS NOT NULL
ORDER BY p #>> '{project,id}', e.recorded_at DESC, e.sequence DESC
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "audit"."projects" pr SET "owner_id" = t.to_user, "updated_at" = t.recorded_at
FROM (
  SELECT DISTINCT ON (p ->> 'projectId') p ->> 'projectId' AS project_id, p ->> 'toUserId' AS to_user, e.recorded_at
  FROM "audit"."audit_events" e CROSS JOIN LATERAL (SELECT e.payload_json::jsonb AS p) j
  WHERE e.event_type = 'todo.events.v1.ProjectOwnershipTransferred'
  ORDER BY p ->> 'projectId', e.recorded_at DESC
) t
WHERE pr.project_id = t.project_id AND t.to_user IS NOT NULL AND t.recorded_at > pr.updated_at;
--> statement-breakpoint
-- Members: each (project, person)'s latest membership event decides (accepted or a former owner: in; removed,
-- left or the new owner: out).
INSERT INTO "audit"."project_members" ("project_id", "user_id", "created_at")
SELECT project_id, user_id, recorded_at FROM (
  SELECT DISTINCT ON (project_id, user_id) project_id, user_id, member, recorded_at FROM (
    SELECT p ->> 'projectId' AS project_id, p ->> 'memberId' AS user_id,
      e.event_type = 'todo.events.v1.InvitationAccepted' AS member, e.recorded_at, e.sequence
    FROM "audit"."audit_events" e CROSS JOIN LATERAL (SELECT e.payload_json::jsonb AS p) j
    WHERE e.event_type IN ('todo.events.v1.InvitationAccepted', 'todo.events.v1.MemberRemoved')
    UNION ALL
    SELECT p ->> 'projectId', u.user_id, u.member, e.recorded_at, e.sequence
    FROM "audit"."audit_events" e CROSS JOIN LATERAL (SELECT e.payload_json::jsonb AS p) j
    CROSS JOIN LATERAL (VALUES (p ->> 'fromUserId', true), (p ->> 'toUserId', false)) u(user_id, member)
    WHERE e.event_type = 'todo.events.v1.ProjectOwnershipTransferred'
  ) changes
  WHERE project_id IS NOT NULL AND user_id IS NOT NULL
  ORDER BY project_id, user_id, recorded_at DESC, sequence DESC
) latest
WHERE member
ON CONFLICT DO NOTHING;
