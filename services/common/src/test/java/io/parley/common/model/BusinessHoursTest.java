package io.parley.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {
    static final Map<String, List<String>> WEEKDAYS = Map.of("mon", List.of("09:00-12:00", "13:00-18:00"),
            "tue", List.of("09:00-18:00"), "wed", List.of("09:00-18:00"), "thu", List.of("09:00-18:00"),
            "fri", List.of("09:00-17:00"), "sat", List.of("22:00-24:00"));

    static BusinessHours berlin(String... holidays) {
        return BusinessHours.parse("Europe/Berlin", WEEKDAYS, List.of(holidays));
    }

    @Test
    void openInsideARangeInTheTenantsZoneClosedOutsideAndOnHolidays() {
        BusinessHours hours = berlin("2026-12-24");
        // Monday 2026-11-23, Berlin is UTC+1 in winter.
        assertFalse(hours.isOpen(Instant.parse("2026-11-23T07:59:59Z"))); // 08:59:59 local
        assertTrue(hours.isOpen(Instant.parse("2026-11-23T08:00:00Z"))); // 09:00 local, start inclusive
        assertFalse(hours.isOpen(Instant.parse("2026-11-23T11:30:00Z"))); // 12:30 local, the lunch gap
        assertFalse(hours.isOpen(Instant.parse("2026-11-23T17:00:00Z"))); // 18:00 local, end exclusive
        assertTrue(hours.isOpen(Instant.parse("2026-11-28T22:30:00Z"))); // Saturday 23:30 local, until 24:00
        assertFalse(hours.isOpen(Instant.parse("2026-11-29T10:00:00Z"))); // Sunday: no ranges
        assertFalse(hours.isOpen(Instant.parse("2026-12-24T10:00:00Z"))); // a Thursday, but a holiday
        // Summer time: 09:00 local is 07:00 UTC.
        assertTrue(hours.isOpen(Instant.parse("2026-06-01T07:00:00Z")));
        assertFalse(hours.isOpen(Instant.parse("2026-06-01T06:59:00Z")));
    }

    @Test
    void theNextOpeningSkipsClosedDaysAndHolidays() {
        BusinessHours hours = berlin("2026-11-30");
        // Friday 17:30 local -> Saturday 22:00 local.
        assertEquals(Optional.of(ZonedDateTime.parse("2026-11-28T22:00+01:00[Europe/Berlin]")),
                hours.nextOpening(Instant.parse("2026-11-27T16:30:00Z")));
        // Sunday -> Monday is a holiday -> Tuesday 09:00.
        assertEquals(Optional.of(ZonedDateTime.parse("2026-12-01T09:00+01:00[Europe/Berlin]")),
                hours.nextOpening(Instant.parse("2026-11-29T10:00:00Z")));
        assertEquals(Optional.empty(), BusinessHours.parse("UTC", Map.of(), List.of()).nextOpening(Instant.now()));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, List<String>> weekly = new LinkedHashMap<>();
        weekly.put("mon", List.of("9-5"));
        weekly.put("tue", List.of("18:00-09:00"));
        weekly.put("wed", List.of("09:00-12:00", "11:00-13:00"));
        weekly.put("funday", List.of("09:00-10:00"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessHours.parse("Mars/Olympus", weekly, List.of("2026-02-30")));
        assertEquals("'timeZone' is not a known time zone: Mars/Olympus; 'weekly.mon' has '9-5': a range is HH:MM-HH:MM;"
                + " 'weekly.tue' has '18:00-09:00': the end must be after the start, at most 24:00 (split ranges at"
                + " midnight); 'weekly.wed' has overlapping ranges 09:00-12:00 and 11:00-13:00; 'weekly' has an"
                + " unknown day 'funday' (use mon, tue, wed, thu, fri, sat, sun); 'holidays' has '2026-02-30': a date"
                + " is YYYY-MM-DD", e.getMessage());
    }

    @Test
    void theTextFormRoundTrips() {
        BusinessHours hours = berlin();
        assertEquals(hours, BusinessHours.parse("Europe/Berlin", hours.weeklyText(), List.of()));
        assertEquals(List.of("mon", "tue", "wed", "thu", "fri", "sat"), List.copyOf(hours.weeklyText().keySet()));
    }
}
