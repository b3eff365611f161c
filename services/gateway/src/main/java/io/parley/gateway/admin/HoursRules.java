package io.parley.gateway.admin;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Business hours that {@code BusinessHours.parse} accepts; each of its problems is one violation. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HoursRules.Check.class)
public @interface HoursRules {
    String message() default "'weekly' and 'holidays' must be valid business hours";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<HoursRules, HoursRequest> {
        @Override
        public boolean isValid(HoursRequest hours, ConstraintValidatorContext context) {
            try {
                hours.parse();
                return true;
            } catch (IllegalArgumentException e) {
                for (String problem : e.getMessage().split("; ")) {
                    Violations.report(context, problem);
                }
                return false;
            }
        }
    }
}
