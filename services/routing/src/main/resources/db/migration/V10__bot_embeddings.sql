-- The bot's knowledge vectors, computed once per model and text and reused across restarts and bot processes
-- (services/bot: StoredEmbedder). Keyed by the model id and the SHA-256 (hex) of the embedded text, so an edited
-- article gets new rows and unchanged ones are read back. Rows of texts no bot uses any more are harmless.
CREATE TABLE bot_embedding (
    model       text NOT NULL,
    text_sha256 char(64) NOT NULL,
    vector      real[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, text_sha256)
);
