-- PostgreSQL only (H2 has no partial indexes: db/vendor/h2/V10 leaves its indexes as they are).
--
-- The queues' work indexes keep only the rows still to be done (PENDING) or given up (FAILED), which
-- is all that the worker, the poll and the gauges ask for. A row leaving them (an event done, a
-- message sent: once per event each) then costs no insert into them, and they stay as small as the
-- backlog instead of holding a day of events and a week of messages (the retention periods).
-- The queries name the statuses as literals, so that even a generic plan can use these indexes
-- (LineChannelOnPostgresTests).

CREATE INDEX ix_inbound_event_waiting ON inbound_event (status, conversation_key, event_timestamp, id)
    WHERE status IN ('PENDING', 'FAILED');
DROP INDEX ix_inbound_event_pending;

CREATE INDEX ix_outbound_message_waiting ON outbound_message (status, conversation_key, id)
    WHERE status IN ('PENDING', 'FAILED');
DROP INDEX ix_outbound_message_pending;
