package io.parley.gateway.admin;

import static io.parley.gateway.admin.AdminRules.AGENT_ID;
import static io.parley.gateway.admin.AdminRules.MAX_SKILLS;
import static io.parley.gateway.admin.AdminRules.SKILL;
import static io.parley.gateway.admin.AdminRules.SKILLS_RULE;
import static io.parley.gateway.admin.AdminRules.SKILL_RULE;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/v1/admin/groups/{id}}: absent fields take their defaults (docs/routing.md). */
public record GroupRequest(
        @NotBlank(message = NAME_RULE) @Size(max = 100, message = NAME_RULE) String name,
        @Size(max = MAX_SKILLS, message = SKILLS_RULE)
        List<@NotNull(message = SKILL_RULE) @Pattern(regexp = SKILL, message = SKILL_RULE) String> skills,
        @JsonDeserialize(using = WholeNumber.class)
        @Min(value = -100, message = PRIORITY_RULE) @Max(value = 100, message = PRIORITY_RULE) Integer priority,
        @Pattern(regexp = "score|round_robin|least_loaded", message = STRATEGY_RULE) String strategy,
        @JsonDeserialize(using = WholeNumber.class)
        @Min(value = 0, message = RELAX_RULE) @Max(value = 86_400, message = RELAX_RULE) Integer relaxAfterSec,
        @Size(max = MAX_MEMBERS, message = MEMBERS_RULE) @DistinctMembers
        List<@NotNull(message = MEMBER_RULE) @Valid Member> members) {

    static final int MAX_MEMBERS = 500;
    static final String NAME_RULE = "'name' is required: 1..100 characters";
    static final String PRIORITY_RULE = "'priority' must be an integer from -100 to 100";
    static final String STRATEGY_RULE = "'strategy' must be one of score, round_robin, least_loaded";
    static final String RELAX_RULE = "'relaxAfterSec' must be an integer from 0 to 86400";
    static final String MEMBERS_RULE = "'members' must be an array of at most 500 members";
    static final String MEMBER_RULE = "each member needs 'agentId': 1..64 of A-Z a-z 0-9 _ . @ -";
    static final String CAPACITY_RULE = "each member's 'capacity' must be an integer from 0 to 100";

    /** {@code capacity} absent: the agent's own capacity. */
    @Schema(name = "GroupMemberRequest")
    public record Member(
            @NotNull(message = MEMBER_RULE) @Pattern(regexp = AGENT_ID, message = MEMBER_RULE) String agentId,
            @JsonDeserialize(using = WholeNumber.class)
            @Min(value = 0, message = CAPACITY_RULE) @Max(value = 100, message = CAPACITY_RULE) Integer capacity) {
    }

    /** The group as it will be stored: defaults filled in, skills without repeats. */
    GroupView toView(String id) {
        return new GroupView(id, name, skills == null ? List.of() : skills.stream().distinct().toList(),
                priority == null ? 0 : priority, strategy == null ? "score" : strategy,
                relaxAfterSec == null ? 120 : relaxAfterSec,
                members == null ? List.of()
                        : members.stream().map(m -> new GroupView.Member(m.agentId(), m.capacity())).toList());
    }
}
