package io.parley.gateway.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/conversations/{id}/rating}: the visitor's rating of a closed conversation. */
public record RatingRequest(
        @NotNull(message = RatingRequest.SCORE) @Min(value = 1, message = RatingRequest.SCORE)
        @Max(value = 5, message = RatingRequest.SCORE) Integer score,
        @Size(max = 1000, message = "'comment' must be at most 1000 characters") String comment) {
    static final String SCORE = "'score' is required: an integer from 1 to 5";
}
