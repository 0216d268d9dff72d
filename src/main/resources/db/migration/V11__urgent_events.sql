-- An event whose text signals a risk to life (the webhook's triage, WebhookTriage) is stored marked,
-- so that an instance that finds it by its poll (after a restart, or stored by an instance that
-- stopped) takes its resident up before the rest of a backlog, as the instance that received it does.
ALTER TABLE inbound_event ADD COLUMN urgent BOOLEAN DEFAULT FALSE NOT NULL;
