package io.parley.gateway.widget;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** A pre-chat field's label: en and/or zh-CN, 1..100 characters each. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidLabels.Validator.class)
public @interface ValidLabels {
    String message() default WidgetSettings.FIELD;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidLabels, Map<String, String>> {
        @Override
        public boolean isValid(Map<String, String> labels, ConstraintValidatorContext context) {
            return labels == null || labels.entrySet().stream().allMatch(e -> WidgetSettings.LOCALES.contains(e.getKey())
                    && e.getValue() != null && !e.getValue().isBlank() && e.getValue().length() <= 100);
        }
    }
}
