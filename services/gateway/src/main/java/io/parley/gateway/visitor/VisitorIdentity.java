package io.parley.gateway.visitor;

import io.parley.common.Ids;
import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Decides which visitor a widget session speaks for (docs/protocol.md, "Visitors"). Continuing an existing visitor
 * needs proof, else anyone could read another visitor's history and write as them:
 * <ul>
 * <li>the tenant's signature ({@code identityToken} or {@code identityHash}): a verified visitor with that id,
 * created on first use; never the same visitor as an unverified one with that id (409);</li>
 * <li>{@code resumeSecret}, given to the browser that created an unverified visitor: that visitor again;</li>
 * <li>no proof: a new visitor (with a new resume secret). A {@code visitorId} without proof is kept as the
 * visitor's {@code claimedId}, shown to agents as unverified, or refused when the tenant requires signatures.</li>
 * </ul>
 * With verification {@code off} signatures are not checked, so nobody is verified.
 */
@ApplicationScoped
public class VisitorIdentity {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who the session is for; {@code resumeSecret} only when the visitor was just created. */
    public record Identified(String visitorId, boolean verified, String resumeSecret) {
    }

    private final VisitorStore visitors;

    public VisitorIdentity(VisitorStore visitors) {
        this.visitors = visitors;
    }

    public Uni<Identified> identify(TenantDirectory.Tenant tenant, WidgetSessionRequest request, Instant now) {
        VisitorStore.AttributeChanges attributes = VisitorStore.AttributeChanges.of(request.attributes(),
                now.toEpochMilli());
        String signed = signedId(tenant, request, now);
        if (signed != null) {
            return visitors.signedIn(tenant.id(), signed, request.name(), attributes).map(ok -> {
                if (!ok) {
                    throw ApiException.conflict("visitor id " + signed + " belongs to an unverified visitor");
                }
                return new Identified(signed, true, null);
            });
        }
        String claimed = request.visitorId();
        if (claimed != null && request.resumeSecret() != null) {
            return visitors.find(tenant.id(), claimed).chain(known -> {
                if (known != null && known.resumeSecretHash() != null
                        && MessageDigest.isEqual(known.resumeSecretHash(), sha256(request.resumeSecret()))) {
                    return visitors.seen(tenant.id(), claimed, request.name(), attributes)
                            .replaceWith(new Identified(claimed, known.verified(), null));
                }
                return unproven(tenant, request, attributes);
            });
        }
        return unproven(tenant, request, attributes);
    }

    /** The visitor id the tenant's signature vouches for, or null when the request carries none that is checked. */
    private static String signedId(TenantDirectory.Tenant tenant, WidgetSessionRequest request, Instant now) {
        if (!tenant.checksSignatures()) {
            return null;
        }
        if (request.identityToken() != null) {
            IdentityVerification.TokenCheck check = IdentityVerification.token(tenant.identitySecret(),
                    request.identityToken(), now);
            if (!check.valid()) {
                throw ApiException.forbidden(check.problem());
            }
            if (request.visitorId() != null && !request.visitorId().equals(check.visitorId())) {
                throw ApiException.badRequest("'visitorId' differs from the identityToken's 'sub'");
            }
            return check.visitorId();
        }
        if (request.identityHash() != null) {
            if (request.visitorId() == null) {
                throw ApiException.badRequest("'identityHash' signs a 'visitorId': send both");
            }
            if (!IdentityVerification.verified(tenant.identitySecret(), request.visitorId(), request.identityHash())) {
                throw ApiException.forbidden("'identityHash' does not match the visitorId with the tenant's secret");
            }
            return request.visitorId();
        }
        return null;
    }

    /** No proof: a new unverified visitor, unless the tenant requires signed ids and the page claimed one. */
    private Uni<Identified> unproven(TenantDirectory.Tenant tenant, WidgetSessionRequest request,
            VisitorStore.AttributeChanges attributes) {
        if (request.visitorId() != null
                && tenant.identityVerification() == TenantDirectory.IdentityVerification.REQUIRED) {
            throw ApiException.forbidden("this tenant requires a signed visitorId (identityToken or identityHash)");
        }
        String id = "v-" + Ids.uuidV7();
        String secret = newSecret();
        return visitors.createUnverified(tenant.id(), id, request.visitorId(), request.name(), sha256(secret),
                attributes).replaceWith(new Identified(id, false, secret));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
