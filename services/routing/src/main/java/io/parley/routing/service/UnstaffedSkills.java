package io.parley.routing.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.routing.domain.QueuedConversation;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Makes visible a conversation that asks for a skill no agent of its tenant has at all (a bot's topic nobody was
 * given, a widget hint with a typo): it cannot be served until its skills relax, and a person should know. Counted
 * once per conversation in {@code parley_routing_unstaffed_skill_total{tenant}} (the skill is not a tag: widget
 * hints are visitor input), logged once per tenant and skill every ten minutes.
 */
@ApplicationScoped
public class UnstaffedSkills {
    private final MeterRegistry registry;
    /** Conversations already counted; drains look at a waiting head again and again. */
    private final Cache<String, Boolean> counted = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();
    /** tenant + skill -> logged recently. */
    private final Cache<String, Boolean> logged = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public UnstaffedSkills(MeterRegistry registry) {
        this.registry = registry;
    }

    public void report(QueuedConversation conversation, List<String> unstaffed, int relaxAfterSec) {
        if (counted.asMap().putIfAbsent(conversation.conversationId(), Boolean.TRUE) != null) {
            return;
        }
        registry.counter("parley_routing_unstaffed_skill_total", "tenant", conversation.tenant()).increment();
        for (String skill : unstaffed) {
            if (logged.asMap().putIfAbsent(conversation.tenant() + '\u0000' + skill, Boolean.TRUE) == null) {
                Log.warnf("tenant %s: conversation %s asks for skill '%s', which no agent of the tenant has; it waits "
                        + "%d s until its skills relax, then goes to any agent (give an agent or group the skill)",
                        conversation.tenant(), conversation.conversationId(), skill, relaxAfterSec);
            }
        }
    }
}
