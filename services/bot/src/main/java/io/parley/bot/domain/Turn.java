package io.parley.bot.domain;

/** One message of a conversation as the bot sees it. */
public record Turn(Role role, String text) {

    public enum Role {
        VISITOR, BOT, AGENT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Turn visitor(String text) {
        return new Turn(Role.VISITOR, text);
    }

    public static Turn bot(String text) {
        return new Turn(Role.BOT, text);
    }
}
