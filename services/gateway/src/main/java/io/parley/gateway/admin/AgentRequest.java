package io.parley.gateway.admin;

import static io.parley.gateway.admin.AdminRules.MAX_SKILLS;
import static io.parley.gateway.admin.AdminRules.SKILL;
import static io.parley.gateway.admin.AdminRules.SKILLS_RULE;
import static io.parley.gateway.admin.AdminRules.SKILL_RULE;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code PUT /api/v1/admin/agents/{id}}: absent fields take their defaults (docs/routing.md). */
public record AgentRequest(
        @Size(max = 100, message = "'name' must be at most 100 characters") String name,
        @JsonDeserialize(using = WholeNumber.class)
        @Min(value = 0, message = CAPACITY_RULE) @Max(value = 100, message = CAPACITY_RULE) Integer capacity,
        @DecimalMin(value = "0", message = RATING_RULE) @DecimalMax(value = "5", message = RATING_RULE) Double rating,
        @Size(max = MAX_SKILLS, message = SKILLS_RULE)
        List<@NotNull(message = SKILL_RULE) @Pattern(regexp = SKILL, message = SKILL_RULE) String> skills) {

    static final String CAPACITY_RULE = "'capacity' must be an integer from 0 to 100";
    static final String RATING_RULE = "'rating' must be a number from 0 to 5";

    /** The profile as it will be stored: defaults filled in, rating to two decimals, skills without repeats. */
    AgentView toView(String agentId) {
        return new AgentView(agentId, name, capacity == null ? 5 : capacity,
                rating == null ? 0 : Math.round(rating * 100) / 100.0,
                skills == null ? List.of() : skills.stream().distinct().toList());
    }
}
