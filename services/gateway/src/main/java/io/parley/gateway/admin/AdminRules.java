package io.parley.gateway.admin;

/** Rules the admin API's request bodies share (docs/routing.md, "Admin API (gateway)"), as constraint constants. */
final class AdminRules {
    static final String GROUP_ID = "[a-z0-9][a-z0-9_-]{0,62}";
    static final String GROUP_ID_RULE = "'id' must be 1..63 of a-z 0-9 _ - (starting with a letter or digit)";
    static final String AGENT_ID = "[A-Za-z0-9_.@-]{1,64}";
    static final String AGENT_ID_RULE = "'id' must be 1..64 of A-Z a-z 0-9 _ . @ -";
    static final String SKILL = "[A-Za-z0-9_.-]{1,64}";
    static final int MAX_SKILLS = 20;
    static final String SKILLS_RULE = "'skills' must be an array of at most 20 skills";
    static final String SKILL_RULE = "each of 'skills' must be 1..64 of A-Z a-z 0-9 _ . -";
    static final String NOT_AN_OBJECT = "body must be a JSON object";

    private AdminRules() {
    }
}
