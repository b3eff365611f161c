package io.parley.gateway.admin;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PUT /api/v1/admin/service-levels}: replaces all of them (a priority or field left out has no target). Unknown
 * fields are refused while reading ({@link StrictBody}), each the first one found, named alone like a wrong type.
 */
public record ServiceLevelsRequest(
        @JsonDeserialize(using = WholeNumber.class)
        @Min(value = 60, message = AUTO_CLOSE_RULE) @Max(value = MAX_SEC, message = AUTO_CLOSE_RULE)
        Integer autoCloseAfterSec,
        @Valid Targets targets) {

    static final int MAX_SEC = 2_592_000; // 30 days
    static final String AUTO_CLOSE_RULE = "'autoCloseAfterSec' must be an integer from 60 to 2592000";
    /** No quote: the mapper puts the field's path in front ('targets.vip.resolutionSec'). */
    static final String TARGET_RULE = "must be an integer from 1 to 2592000";

    /** Targets per visitor priority. */
    @Schema(name = "ServiceLevelTargetsRequest")
    public record Targets(@Valid Target normal, @Valid Target vip) {
    }

    /** Seconds from the conversation's start; first response may not exceed resolution. */
    @FirstResponseWithinResolution
    @Schema(name = "ServiceLevelTargetRequest")
    public record Target(
            @JsonDeserialize(using = WholeNumber.class)
            @Min(value = 1, message = TARGET_RULE) @Max(value = MAX_SEC, message = TARGET_RULE) Integer firstResponseSec,
            @JsonDeserialize(using = WholeNumber.class)
            @Min(value = 1, message = TARGET_RULE) @Max(value = MAX_SEC, message = TARGET_RULE) Integer resolutionSec) {
    }

    /** The settings as they will be stored: priorities without any target are left out. */
    ServiceLevelsView toView() {
        Map<String, ServiceLevelsView.Target> stored = new TreeMap<>();
        if (targets != null) {
            put(stored, "normal", targets.normal());
            put(stored, "vip", targets.vip());
        }
        return new ServiceLevelsView(autoCloseAfterSec, stored);
    }

    private static void put(Map<String, ServiceLevelsView.Target> stored, String priority, Target target) {
        if (target != null && (target.firstResponseSec() != null || target.resolutionSec() != null)) {
            stored.put(priority, new ServiceLevelsView.Target(target.firstResponseSec(), target.resolutionSec()));
        }
    }
}
