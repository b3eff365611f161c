package io.parley.gateway.admin;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.parley.common.model.BusinessHours;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /api/v1/admin/business-hours}. The time zone, days, ranges and holidays are checked by
 * {@link BusinessHours#parse} ({@link HoursRules}), each of its problems named with the others.
 */
@HoursRules
public record HoursRequest(
        String timeZone,
        Map<String, List<String>> weekly,
        List<String> holidays,
        // 1..1000 code points (a Java regex matches code points), not only blanks
        @Pattern(regexp = "(?s)(?=.*\\S).{1,1000}", message = "'offlineMessage' must be text of 1..1000 characters")
        String offlineMessage,
        @JsonDeserialize(using = WholeNumber.class)
        @Min(value = 1, message = WAIT_RULE) @Max(value = 86_400, message = WAIT_RULE) Integer maxQueueWaitSec) {

    static final String WAIT_RULE = "'maxQueueWaitSec' must be an integer from 1 to 86400";

    /** @throws IllegalArgumentException naming every problem, joined by "; " */
    BusinessHours parse() {
        return BusinessHours.parse(timeZone, weekly, holidays == null ? List.of() : holidays);
    }

    /** The hours as they will be stored: the zone's id, ranges sorted, holidays sorted. Only after validation. */
    HoursView toView() {
        BusinessHours hours = parse();
        return new HoursView(hours.zone().getId(), hours.weeklyText(),
                hours.holidays().stream().sorted().map(LocalDate::toString).toList(), offlineMessage, maxQueueWaitSec);
    }
}
