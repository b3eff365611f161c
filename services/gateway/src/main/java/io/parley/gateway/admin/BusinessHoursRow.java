package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's opening hours ({@code business_hours}, routing's migrations V7 and V8); no row: always open. */
@Entity
@Table(name = "business_hours")
public class BusinessHoursRow extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "time_zone")
    public String timeZone;
    /** {"mon":["09:00-12:00","13:00-18:00"], ...}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, List<String>> weekly;
    /** date[]. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<LocalDate> holidays = new ArrayList<>();
    @Column(name = "offline_message")
    public String offlineMessage;
    @Column(name = "max_queue_wait_sec")
    public Integer maxQueueWaitSec;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static BusinessHoursRow of(String tenant) {
        BusinessHoursRow row = new BusinessHoursRow();
        row.tenantId = tenant;
        return row;
    }

    void apply(HoursView wanted) {
        timeZone = wanted.timeZone();
        weekly = wanted.weekly();
        holidays = new ArrayList<>(wanted.holidays().stream().map(LocalDate::parse).toList());
        offlineMessage = wanted.offlineMessage();
        maxQueueWaitSec = wanted.maxQueueWaitSec();
        updatedAt = OffsetDateTime.now();
    }

    HoursView view() {
        return new HoursView(timeZone, weekly, holidays.stream().map(LocalDate::toString).toList(), offlineMessage,
                maxQueueWaitSec);
    }
}
