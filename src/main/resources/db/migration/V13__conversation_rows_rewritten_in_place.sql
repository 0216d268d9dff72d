-- A resident's conversation row is rewritten on every turn, and so was its entry in this index:
-- one more index write per turn, and on PostgreSQL no HOT update (a changed indexed column makes
-- every update a new row version with a new primary-key entry too). Only the retention job asks by
-- last_active_at (dialogue/ConversationRetention), once per run: a scan of one row per resident who
-- wrote in the last 30 days costs less than an index kept up to date on every turn.
-- Portable SQL: runs on H2 2.x (embedded default) and PostgreSQL.
DROP INDEX ix_dialogue_conversation_last_active;
