-- PostgreSQL only (db/vendor/h2/V14 is empty).
--
-- The sealed columns (privacy's ContentCipher) are ciphertext, which does not compress. PostgreSQL
-- moves a value out of its row into the table's TOAST table once the row passes about 2 KB: an
-- answer card sealed is 0.7-2 KB, so a large share of outbound_message rows and the longer
-- conversations' slots were written as a row plus chunks in a second table and its index (after a
-- failed try at compressing them), and read back from there on every send. Rows up to a page stay
-- whole in their page; only longer ones (a resident's long message, a large card) still go out of line.
ALTER TABLE inbound_event SET (toast_tuple_target = 8160);
ALTER TABLE outbound_message SET (toast_tuple_target = 8160);
-- A conversation row is rewritten on every turn. With room left in its page the new version goes
-- in the same page as a HOT update (no index entry); V13 made that possible by dropping the index
-- on last_active_at.
ALTER TABLE dialogue_conversation SET (toast_tuple_target = 8160, fillfactor = 70);
