-- The audit trail stays append-only (HIPAA audit controls), with one exception: the admin's audit
-- purge (/case admin purge-audit) may delete events recorded before the cutoff it sets for its own
-- transaction (set_config('patient_relations.audit_purge_before', <time>, true)), and only events
-- more than six years old (45 CFR 164.316(b)(2)). An audit_purged event, the record of a purge, is
-- never deleted. UPDATE and TRUNCATE are refused as before.
CREATE OR REPLACE FUNCTION "case_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    purge_before TEXT := current_setting('patient_relations.audit_purge_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND purge_before IS NOT NULL AND purge_before <> ''
        AND OLD."at" < purge_before::timestamptz
        AND OLD."at" < now() - interval '6 years'
        AND OLD."type" <> 'audit_purged' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;
