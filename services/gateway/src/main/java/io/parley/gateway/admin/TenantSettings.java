package io.parley.gateway.admin;

import io.parley.common.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The columns of {@code tenant} the admin API changes (routing's migrations V4, V5, V15 and V17); the rest of the row is
 * not mapped. Updates write only the changed columns.
 */
@Entity
@Table(name = "tenant")
@DynamicUpdate
public class TenantSettings extends PanacheEntityBase {
    @Id
    public String id;
    /** Null: conversations are never closed for inactivity. */
    @Column(name = "auto_close_after_sec")
    public Integer autoCloseAfterSec;
    /** off, optional or required. */
    @Column(name = "identity_verification")
    public String identityVerification;
    @Column(name = "identity_secret")
    public String identitySecret;
    /** The widget's settings as stored (V17): a {@code WidgetSettings} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> widget;

    /**
     * Locks the tenant's row until the transaction ends ({@code FOR NO KEY UPDATE} on PostgreSQL, which leaves
     * routing's inserts referencing the tenant free): every admin change takes it first, so a tenant's changes run one
     * at a time, their audited before/after are exact, and two PUTs creating the same thing do not collide. Fails with
     * 404 when there is no such tenant.
     */
    static Uni<TenantSettings> lock(String tenant) {
        return TenantSettings.<TenantSettings>findById(tenant, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> ApiException.notFound("no such tenant"));
    }
}
