-- Requested skills the assignee lacks: the conversation reached them only after its skills relaxed (nobody with
-- them could take it). Shown to the agent on the conversation frame; cleared when a person moves the conversation.
ALTER TABLE conversation ADD COLUMN unmatched_skills text[] NOT NULL DEFAULT '{}';
