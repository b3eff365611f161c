-- The demo tenant acme, applied by ./parley (up and the browser stage) after routing has migrated the schema:
--   psql -v origins='http://localhost:8080,http://127.0.0.1:8080' -v identity_secret='…' -f config/demo/acme.sql
-- Upserts, so it can run on every start; agents' profiles are written only when missing (an admin may change them).

INSERT INTO tenant (id, name, allowed_origins)
VALUES ('acme', 'Acme Inc.', string_to_array(:'origins', ','))
ON CONFLICT (id) DO UPDATE SET allowed_origins = EXCLUDED.allowed_origins;
-- The secret the demo's "backend" signs visitor ids with (docs/widget.md, "Signed-in users"); kept once set, so a
-- secret rotated through the admin API stays.
UPDATE tenant SET identity_secret = :'identity_secret' WHERE id = 'acme' AND identity_secret IS NULL;

-- The agents of config/keycloak/parley-realm.json, with the skills the demo bot hands over with (bots/acme/bot.yaml,
-- handoff.skillsByTag: billing, logistics, after-sales), so every handover has an agent who can take it.
INSERT INTO agent_profile (tenant_id, agent_id, name, capacity, rating, skills) VALUES
    ('acme', 'alice', 'Alice Agent', 5, 4.5, '{after-sales,billing}'),
    ('acme', 'bob', 'Bob Agent', 5, 4.0, '{logistics,billing}'),
    ('acme', 'sam', 'Sam Supervisor', 3, 5.0, '{after-sales,billing,logistics}')
ON CONFLICT (tenant_id, agent_id) DO NOTHING;

-- Canned responses (docs/console.md, "Compose"): the tenant's, typed as /shortcut in the console's reply box. Written
-- only where acme has none of that name, so edits made in the console stay.
INSERT INTO canned_response (tenant_id, owner_id, shortcut, body, updated_by)
SELECT 'acme', NULL, v.shortcut, v.body, 'demo' FROM (VALUES
    ('hello', 'Hi {{visitor.name}}, I''m {{agent.name}} from Acme. How can I help?'),
    ('returns', 'You can return any item within 7 days of delivery, no reason needed. I can start the return for you now.'),
    ('thanks', 'Thank you for your patience, {{visitor.name}}! Is there anything else I can do for you?'),
    ('nihao', '您好 {{visitor.name}}，我是 Acme 的 {{agent.name}}，请问有什么可以帮您？')
) AS v (shortcut, body)
WHERE NOT EXISTS (SELECT 1 FROM canned_response c WHERE c.tenant_id = 'acme' AND c.owner_id IS NULL
                  AND c.shortcut = v.shortcut);
