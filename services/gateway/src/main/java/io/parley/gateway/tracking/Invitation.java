package io.parley.gateway.tracking;

/** An invitation to chat the launcher pops: {@code from} bot or team (an agent, named by {@code name}). */
public record Invitation(String text, String from, String name) {
}
