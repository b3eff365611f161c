package io.parley.gateway.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.common.json.Json;
import io.parley.gateway.widget.WidgetSettings;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A tenant's widget settings; every change is written with its audit row (before and after) in one transaction. */
@ApplicationScoped
public class TenantWidget {
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {
    };

    private final AuditLog audit;

    public TenantWidget(AuditLog audit) {
        this.audit = audit;
    }

    /** As stored (fields the tenant never set are null); null when the tenant does not exist. */
    @WithSession
    public Uni<WidgetSettings> find(String tenant) {
        return TenantSettings.<TenantSettings>findById(tenant).map(t -> t == null ? null : view(t));
    }

    /** Replaces them. */
    @WithTransaction
    public Uni<WidgetSettings> put(String tenant, String actor, WidgetSettings wanted) {
        return TenantSettings.lock(tenant).chain(t -> {
            WidgetSettings before = view(t);
            t.widget = Json.MAPPER.convertValue(wanted, AS_MAP);
            return audit.record(tenant, actor, "widget_update", before, wanted).replaceWith(wanted);
        });
    }

    private static WidgetSettings view(TenantSettings t) {
        return t.widget == null ? WidgetSettings.NONE : Json.MAPPER.convertValue(t.widget, WidgetSettings.class);
    }
}
