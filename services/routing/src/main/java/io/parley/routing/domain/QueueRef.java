package io.parley.routing.domain;

/** A group's queue (all its lanes): tenant and group ({@link QueuedConversation#WHOLE_TEAM} = the whole team). */
public record QueueRef(String tenant, String group) {
}
