-- A role set to staff used to delete the user's row, so at the next start ADMIN_USER_IDS made a
-- demoted admin an admin again. Staff is now stored. For users demoted before that, the audit
-- trail still says they had a role: give each user whose role changed and who has no row a staff
-- row, granted by whoever made their last change and when.
INSERT INTO "user_roles" ("slack_user_id", "role", "granted_by", "granted_at")
SELECT DISTINCT ON ("data"->>'userId') "data"->>'userId', 'staff', "actor_id", "at"
FROM "admin_events"
WHERE "type" = 'role_changed'
  AND COALESCE("data"->>'userId', '') <> ''
  AND NOT EXISTS (SELECT 1 FROM "user_roles" WHERE "user_roles"."slack_user_id" = "admin_events"."data"->>'userId')
ORDER BY "data"->>'userId', "at" DESC, "id" DESC;
