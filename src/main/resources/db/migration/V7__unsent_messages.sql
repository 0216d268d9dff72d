-- A resident can take back (unsend) a message in LINE: its words must then leave the ticket too.
-- Portable SQL: runs on H2 2.x (embedded default) and PostgreSQL.

-- Which LINE message a resident's entry came from, and when they took it back (its body is then
-- emptied; the console shows a neutral note in its place).
ALTER TABLE ticket_message ADD COLUMN line_message_id VARCHAR(64);
ALTER TABLE ticket_message ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_ticket_message_line_message ON ticket_message (ticket_id, line_message_id);

-- CONTENT: the resident's words of the intake message by message (sealed JSON: LINE message id and
-- text), so that an unsent message can be taken out of resident_words.
ALTER TABLE ticket_content ADD COLUMN resident_word_parts VARCHAR;
