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

/** A widget's text overrides: locales of {@link WidgetSettings#LOCALES}, keys of its TEXT_KEYS, 1..300 characters. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidTexts.Validator.class)
public @interface ValidTexts {
    int MAX_TEXT = 300;

    String message() default "'texts' must map en or zh-CN to an object of the chat's text keys (docs/widget.md)"
            + " with strings of 1.." + MAX_TEXT + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidTexts, Map<String, Map<String, String>>> {
        @Override
        public boolean isValid(Map<String, Map<String, String>> texts, ConstraintValidatorContext context) {
            if (texts == null) {
                return true;
            }
            for (Map.Entry<String, Map<String, String>> locale : texts.entrySet()) {
                if (!WidgetSettings.LOCALES.contains(locale.getKey()) || locale.getValue() == null) {
                    return false;
                }
                for (Map.Entry<String, String> text : locale.getValue().entrySet()) {
                    String value = text.getValue();
                    if (!WidgetSettings.TEXT_KEYS.contains(text.getKey()) || value == null || value.isBlank()
                            || value.length() > MAX_TEXT) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
