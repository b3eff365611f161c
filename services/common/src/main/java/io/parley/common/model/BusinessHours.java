package io.parley.common.model;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's opening hours: weekly ranges in the tenant's time zone, minus holidays (whole days, in that time
 * zone). A range is {@code "HH:MM-HH:MM"}, start inclusive, end exclusive, {@code 24:00} allowed as an end;
 * a range does not cross midnight (write 22:00-24:00 and 00:00-02:00 on the next day). A day without ranges is
 * closed. The gateway validates with {@link #parse}; routing asks {@link #isOpen}.
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Range>> weekly, Set<LocalDate> holidays) {
    public static final int MAX_RANGES_PER_DAY = 6;
    public static final int MAX_HOLIDAYS = 366;
    static final Pattern RANGE = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]|24):([0-5]\\d)");
    static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

    static {
        for (DayOfWeek day : DayOfWeek.values()) {
            DAYS.put(day.name().substring(0, 3).toLowerCase(Locale.ROOT), day);
        }
    }

    /** Minutes since midnight: [start, end). */
    public record Range(int startMinute, int endMinute) {
        boolean contains(int minute) {
            return minute >= startMinute && minute < endMinute;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60,
                    endMinute / 60, endMinute % 60);
        }
    }

    /**
     * Checks everything and names every problem at once.
     *
     * @param weekly   day ({@code mon}..{@code sun}) -> ranges
     * @param holidays ISO dates ({@code 2026-12-25})
     * @throws IllegalArgumentException with all problems, joined by "; "
     */
    public static BusinessHours parse(String timeZone, Map<String, List<String>> weekly, List<String> holidays) {
        List<String> problems = new ArrayList<>();
        ZoneId zone = null;
        if (timeZone == null || timeZone.isBlank()) {
            problems.add("'timeZone' is required, e.g. Europe/Berlin");
        } else {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                problems.add("'timeZone' is not a known time zone: " + timeZone);
            }
        }
        Map<DayOfWeek, List<Range>> days = new EnumMap<>(DayOfWeek.class);
        if (weekly == null) {
            problems.add("'weekly' is required: {\"mon\":[\"09:00-18:00\"], ...}");
        } else {
            weekly.forEach((name, ranges) -> {
                DayOfWeek day = DAYS.get(name);
                if (day == null) {
                    problems.add("'weekly' has an unknown day '" + name + "' (use mon, tue, wed, thu, fri, sat, sun)");
                    return;
                }
                if (ranges == null || ranges.size() > MAX_RANGES_PER_DAY) {
                    problems.add("'weekly." + name + "' must be a list of at most " + MAX_RANGES_PER_DAY + " ranges");
                    return;
                }
                List<Range> parsed = new ArrayList<>();
                for (String text : ranges) {
                    Matcher m = text == null ? null : RANGE.matcher(text);
                    if (m == null || !m.matches()) {
                        problems.add("'weekly." + name + "' has '" + text + "': a range is HH:MM-HH:MM");
                        continue;
                    }
                    int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
                    int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
                    if (end > 24 * 60 || end <= start) {
                        problems.add("'weekly." + name + "' has '" + text
                                + "': the end must be after the start, at most 24:00 (split ranges at midnight)");
                        continue;
                    }
                    parsed.add(new Range(start, end));
                }
                parsed.sort((a, b) -> Integer.compare(a.startMinute(), b.startMinute()));
                for (int i = 1; i < parsed.size(); i++) {
                    if (parsed.get(i).startMinute() < parsed.get(i - 1).endMinute()) {
                        problems.add("'weekly." + name + "' has overlapping ranges " + parsed.get(i - 1) + " and "
                                + parsed.get(i));
                    }
                }
                days.put(day, List.copyOf(parsed));
            });
        }
        Set<LocalDate> dates = new TreeSet<>();
        if (holidays != null) {
            if (holidays.size() > MAX_HOLIDAYS) {
                problems.add("'holidays' may list at most " + MAX_HOLIDAYS + " dates");
            }
            for (String text : holidays) {
                try {
                    dates.add(LocalDate.parse(text));
                } catch (DateTimeParseException | NullPointerException e) {
                    problems.add("'holidays' has '" + text + "': a date is YYYY-MM-DD");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new BusinessHours(zone, days, Set.copyOf(dates));
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(r -> r.contains(minute));
    }

    /** The next time it opens after {@code at} (within two weeks), in the tenant's time zone; empty if never. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        for (int d = 0; d <= 14; d++) {
            LocalDate date = local.toLocalDate().plusDays(d);
            if (holidays.contains(date)) {
                continue;
            }
            for (Range range : weekly.getOrDefault(date.getDayOfWeek(), List.of())) {
                ZonedDateTime start = LocalDateTime.of(date, LocalTime.ofSecondOfDay(range.startMinute() * 60L))
                        .atZone(zone);
                if (start.isAfter(local)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /** Day -> ranges as text, the form {@link #parse} reads (for storage and the API). */
    public Map<String, List<String>> weeklyText() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        DAYS.forEach((name, day) -> {
            List<Range> ranges = weekly.get(day);
            if (ranges != null && !ranges.isEmpty()) {
                out.put(name, ranges.stream().map(Range::toString).toList());
            }
        });
        return out;
    }
}
