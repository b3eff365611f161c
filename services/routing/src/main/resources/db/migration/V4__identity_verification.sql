-- Per-tenant secret for identity verification: the tenant's backend signs a visitor id with it
-- (HMAC-SHA256, hex), and only a signed visitor may be routed as VIP. Null = VIP routing is off.
ALTER TABLE tenant ADD COLUMN identity_secret text;
