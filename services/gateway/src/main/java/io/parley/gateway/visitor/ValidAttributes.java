package io.parley.gateway.visitor;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Visitor attributes as the widget may send them: at most {@value #MAX_ATTRIBUTES}, names 1..64 of
 * {@code A-Z a-z 0-9 _ . -} (they appear as {@code {{visitor.<name>}}} in prompts), values a string of at most
 * {@value #MAX_TEXT} characters, a number, a boolean, or null (removes the attribute).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidAttributes.Validator.class)
public @interface ValidAttributes {
    int MAX_ATTRIBUTES = 50;
    int MAX_TEXT = 1000;

    String message() default "'attributes' must be an object of at most " + MAX_ATTRIBUTES
            + " names (1..64 of A-Z a-z 0-9 _ . -) with strings of at most " + MAX_TEXT
            + " characters, numbers, booleans or null";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidAttributes, Map<String, Object>> {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

        @Override
        public boolean isValid(Map<String, Object> attributes, ConstraintValidatorContext context) {
            if (attributes == null) {
                return true;
            }
            if (attributes.size() > MAX_ATTRIBUTES) {
                return false;
            }
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                Object value = attribute.getValue();
                boolean scalar = value == null || value instanceof Number || value instanceof Boolean
                        || value instanceof String text && text.length() <= MAX_TEXT;
                if (!NAME.matcher(attribute.getKey()).matches() || !scalar) {
                    return false;
                }
            }
            return true;
        }
    }
}
