package io.parley.gateway.conversation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/conversations/{id}/contact}: where the visitor wants the team's answer mailed, and the language of
 * the receipt (default en).
 */
public record ContactRequest(
        @NotBlank(message = ContactRequest.EMAIL) @Size(max = 254, message = ContactRequest.EMAIL)
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = ContactRequest.EMAIL) String email,
        @Size(max = 100, message = "'name' must be at most 100 characters") String name,
        @Pattern(regexp = "en|zh-CN", message = "'locale' must be en or zh-CN") String locale) {
    static final String EMAIL = "'email' is required: an email address of at most 254 characters";
}
