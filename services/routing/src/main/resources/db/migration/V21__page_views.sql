-- Visitor tracking (docs/widget.md, "Visitor tracking"): page views the widget's loader reports, before and during a
-- chat, written and read by the gateway (tracking/PageViews) and deleted after the retention period (30 days by
-- default). device_id and visit_id are the loader's random ids; device is a short label (form, browser, system) and
-- country what a proxy's header said, if anything.
CREATE TABLE page_view (
    id        bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    device_id text NOT NULL,
    visit_id  text NOT NULL,
    url       text NOT NULL,
    title     text,
    referrer  text,
    device    text,
    country   text,
    viewed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX page_view_visit ON page_view (tenant_id, device_id, visit_id, viewed_at);
-- The retention sweep deletes by age.
CREATE INDEX page_view_age ON page_view (viewed_at);
