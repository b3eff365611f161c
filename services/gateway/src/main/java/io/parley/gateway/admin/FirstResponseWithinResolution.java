package io.parley.gateway.admin;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service-level target's first response is due no later than its resolution; reported on
 * {@code firstResponseSec}, so the mapper names it with its path ('targets.vip.firstResponseSec').
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FirstResponseWithinResolution.Check.class)
public @interface FirstResponseWithinResolution {
    /** No quote: the mapper puts the field's path in front. */
    String message() default "must not exceed its resolutionSec";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<FirstResponseWithinResolution, ServiceLevelsRequest.Target> {
        @Override
        public boolean isValid(ServiceLevelsRequest.Target target, ConstraintValidatorContext context) {
            // a resolution out of range is named by its own constraint
            if (target.firstResponseSec() == null || target.resolutionSec() == null || target.resolutionSec() < 1
                    || target.firstResponseSec() <= target.resolutionSec()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("firstResponseSec").addConstraintViolation();
            return false;
        }
    }
}
