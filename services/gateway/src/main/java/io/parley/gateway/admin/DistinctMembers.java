package io.parley.gateway.admin;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A group's member list names each agent once: "'members' lists bob twice" for each agent listed again. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctMembers.Check.class)
public @interface DistinctMembers {
    String message() default "'members' lists an agent twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Agents without a valid id are left to the member's own constraints. */
    class Check implements ConstraintValidator<DistinctMembers, List<GroupRequest.Member>> {
        @Override
        public boolean isValid(List<GroupRequest.Member> members, ConstraintValidatorContext context) {
            if (members == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            Set<String> twice = new TreeSet<>();
            for (GroupRequest.Member member : members) {
                if (member != null && member.agentId() != null && member.agentId().matches(AdminRules.AGENT_ID)
                        && !seen.add(member.agentId())) {
                    twice.add(member.agentId());
                }
            }
            twice.forEach(agent -> Violations.report(context, "'members' lists " + agent + " twice"));
            return twice.isEmpty();
        }
    }
}
