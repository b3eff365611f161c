-- The widget loader's tracking device a visitor's latest session came from, as the page said (docs/widget.md,
-- "Visitor tracking"): agents see the pages of that device next to the conversation. Written by the gateway.
ALTER TABLE visitor ADD COLUMN device_id text;
