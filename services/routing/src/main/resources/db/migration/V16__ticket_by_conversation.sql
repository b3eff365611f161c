-- Tickets by conversation: removing a conversation checks the tickets that name it (foreign key), which without this
-- index reads the whole ticket table once per removed conversation.
CREATE INDEX ticket_by_conversation ON ticket (conversation_id) WHERE conversation_id IS NOT NULL;
