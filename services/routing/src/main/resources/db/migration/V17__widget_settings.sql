-- The widget's look and texts per tenant (docs/widget.md, "Theming"): colour, position, title, avatar, greeting, sound
-- and text overrides per locale. Written by the gateway's admin API (PUT /api/v1/admin/widget), read by its public
-- widget configuration. Empty: Parley's defaults.
ALTER TABLE tenant ADD COLUMN widget jsonb NOT NULL DEFAULT '{}'::jsonb;
