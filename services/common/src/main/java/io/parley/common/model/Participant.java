package io.parley.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who takes part in a conversation: the wire's {@code {"kind","id","name"}} object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participant(Kind kind, String id, String name) {

    public enum Kind {
        VISITOR, AGENT, BOT, SYSTEM;

        @JsonValue
        public String wire() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static Kind fromWire(String value) {
            return Kind.valueOf(value.toUpperCase());
        }
    }

    public static Participant visitor(String id, String name) {
        return new Participant(Kind.VISITOR, id, name);
    }

    public static Participant agent(String id, String name) {
        return new Participant(Kind.AGENT, id, name);
    }
}
