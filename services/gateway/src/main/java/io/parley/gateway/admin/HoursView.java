package io.parley.gateway.admin;

import java.util.List;
import java.util.Map;

/** A tenant's business hours as the admin API shows them (docs/routing.md): ranges sorted, holidays as dates. */
public record HoursView(String timeZone, Map<String, List<String>> weekly, List<String> holidays,
        String offlineMessage, Integer maxQueueWaitSec) {
}
