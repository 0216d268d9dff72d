-- Tickets by status and urgency, and the oldest still NEW, for the gauges at /actuator/prometheus
-- (referral/ReferralMetrics.java): answered from this index alone, without reading the tickets.
CREATE INDEX ix_ticket_status ON ticket (status, urgency, opened_at);
