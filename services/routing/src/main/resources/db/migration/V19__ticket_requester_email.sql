-- Where replies to a ticket are mailed (docs/tickets.md): the address a visitor left in the chat's offline form
-- (POST /api/v1/conversations/{id}/contact), or the one an agent entered. Written and read by the gateway.
ALTER TABLE ticket ADD COLUMN requester_email text;
