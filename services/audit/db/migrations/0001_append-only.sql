-- The audit log is append-only in the database itself, not only in code: any UPDATE, DELETE or
-- TRUNCATE of audit_events fails. Changing a record takes a privileged ALTER TABLE ... DISABLE
-- TRIGGER first, and the hash chain still shows it.
CREATE FUNCTION "audit"."reject_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit"."audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit"."reject_audit_change"();
--> statement-breakpoint
-- A chain head only moves forward: it may not be removed or set back, or the next append would
-- reuse sequences and the check for records missing from the end would be lost.
CREATE FUNCTION "audit"."reject_head_rewind"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.sequence >= OLD.sequence AND NEW.user_id = OLD.user_id THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit.chain_heads only moves forward: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "chain_heads_forward_only"
  BEFORE UPDATE OR DELETE ON "audit"."chain_heads"
  FOR EACH ROW EXECUTE FUNCTION "audit"."reject_head_rewind"();
--> statement-breakpoint
CREATE TRIGGER "chain_heads_no_truncate"
  BEFORE TRUNCATE ON "audit"."chain_heads"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit"."reject_head_rewind"();
