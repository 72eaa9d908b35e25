ALTER TABLE "audit"."chain_heads" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
-- Erasing a deleted account (AccountDeleted): its records may be deleted, and only its records, and only
-- once its chain head is marked erased — which can never be undone and stops every later append for
-- that user. UPDATE and TRUNCATE stay refused for everyone; DELETE is checked row by row.
DROP TRIGGER "audit_events_append_only" ON "audit"."audit_events";
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only"
  BEFORE UPDATE OR TRUNCATE ON "audit"."audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit"."reject_audit_change"();
--> statement-breakpoint
CREATE FUNCTION "audit"."allow_erased_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "audit"."chain_heads" h WHERE h.user_id = OLD.user_id AND h.erased_at IS NOT NULL) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit.audit_events is append-only: DELETE is allowed only for an erased account'
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_erase_only"
  BEFORE DELETE ON "audit"."audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit"."allow_erased_only"();
--> statement-breakpoint
-- A chain head still only moves forward, and an erased one stays erased.
CREATE OR REPLACE FUNCTION "audit"."reject_head_rewind"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.sequence >= OLD.sequence AND NEW.user_id = OLD.user_id
       AND (OLD.erased_at IS NULL OR NEW.erased_at IS NOT DISTINCT FROM OLD.erased_at) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit.chain_heads only moves forward: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
