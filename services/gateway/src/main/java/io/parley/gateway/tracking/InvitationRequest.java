package io.parley.gateway.tracking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An agent's invitation to a live visitor. */
public record InvitationRequest(
        @NotBlank(message = TEXT) @Size(max = 300, message = TEXT) String text) {
    static final String TEXT = "'text' is required: 1..300 characters";
}
