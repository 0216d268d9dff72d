-- The poll asks every second for the conversations with urgent events waiting
-- (InboundEvents.URGENT_CONVERSATIONS_WITH_PENDING_EVENTS). They are few: a partial index holds only
-- them, costs nothing for the other events, and spares the poll a walk over a whole backlog.
CREATE INDEX ix_inbound_event_urgent_waiting ON inbound_event (conversation_key, id)
    WHERE urgent AND status = 'PENDING';
