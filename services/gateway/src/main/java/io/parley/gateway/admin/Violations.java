package io.parley.gateway.admin;

import jakarta.validation.ConstraintValidatorContext;

/** Problems found by the admin API's own constraints, each reported as one violation with its full text. */
final class Violations {
    private Violations() {
    }

    /**
     * Adds {@code message} as it is: it may quote the caller's input, so the characters the message interpolator
     * reads ({@code \ { } $}) are escaped.
     */
    static void report(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message.replaceAll("([\\\\{}$])", "\\\\$1"))
                .addConstraintViolation();
    }
}
