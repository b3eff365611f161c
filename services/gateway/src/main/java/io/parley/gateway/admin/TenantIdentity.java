package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * A tenant's identity verification: the mode and the secret its backend signs visitors' ids with. Every change is
 * written with its audit row (never holding the secret) in one transaction; a tenant that does not exist is a 404.
 */
@ApplicationScoped
public class TenantIdentity {
    /** The setting as shown: never the secret, only whether there is one. */
    public record Settings(String mode, boolean secretSet) {
    }

    private final AuditLog audit;

    public TenantIdentity(AuditLog audit) {
        this.audit = audit;
    }

    /** Null when the tenant does not exist. */
    @WithSession
    public Uni<Settings> find(String tenant) {
        return TenantSettings.<TenantSettings>findById(tenant).map(t -> t == null ? null : view(t));
    }

    /** The new setting. */
    @WithTransaction
    public Uni<Settings> setMode(String tenant, String actor, String mode) {
        return TenantSettings.lock(tenant).chain(t -> {
            Settings before = view(t);
            t.identityVerification = mode;
            return audit.record(tenant, actor, "identity_verification_update", before, view(t)).map(x -> view(t));
        });
    }

    @WithTransaction
    public Uni<Void> setSecret(String tenant, String actor, String secret) {
        return TenantSettings.lock(tenant).chain(t -> {
            t.identitySecret = secret;
            return audit.record(tenant, actor, "identity_secret_rotate", null, Map.of("secretSet", true));
        });
    }

    private static Settings view(TenantSettings t) {
        return new Settings(t.identityVerification, t.identitySecret != null);
    }
}
