-- Opening hours per tenant (docs/routing.md, "Business hours and offline messages"). No row: always open.
-- Written by the gateway's admin API; read by routing when a conversation opens.
CREATE TABLE business_hours (
    tenant_id       text PRIMARY KEY REFERENCES tenant (id),
    time_zone       text NOT NULL,
    -- {"mon":["09:00-12:00","13:00-18:00"], ...}: days without ranges are closed (BusinessHours in common).
    weekly          jsonb NOT NULL,
    holidays        date[] NOT NULL DEFAULT '{}',
    -- What a visitor who writes while closed is told; null: the default text with the next opening time.
    offline_message text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
