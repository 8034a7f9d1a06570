package io.switchboard.ingress.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.PermissionNames;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A valid request to create an API key ({@code POST /api/v1/admin/keys}): {@code name} (required, at most 100), {@code description} (at most
 * 500), {@code account_id} (required), {@code permissions} (non-empty, known names, duplicates collapsed),
 * {@code rate_limit} per minute (default 60, 1..100,000), {@code daily_limit} (default 5,000, 1..10,000,000),
 * {@code expires_at} (optional, in the future) and {@code require_signature} (default false).
 */
public record NewKeyRequest(String name, @Nullable String description, String accountId, List<Permission> permissions,
                            int rateLimit, int dailyLimit, @Nullable Instant expiresAt, boolean requireSignature) {

    public static final int DEFAULT_RATE_LIMIT = 60;
    public static final int DEFAULT_DAILY_LIMIT = 5000;

    /** Reads and checks the body; throws {@code InvalidRequestException} naming the first bad field. */
    public static NewKeyRequest from(ObjectNode body, Instant now) {
        AdminFields fields = new AdminFields(body);
        String name = fields.requiredText("name", 100);
        String description = fields.optionalText("description", 500);
        String accountId = fields.requiredText("account_id", 64);
        List<String> names = fields.strings("permissions");
        if (names.isEmpty()) {
            throw AdminFields.invalid("permissions must name at least one of: " + PermissionNames.allNames());
        }
        Set<Permission> permissions = new LinkedHashSet<>();
        for (String permissionName : names) {
            Permission permission = PermissionNames.parse(permissionName);
            if (permission == null) {
                throw AdminFields.invalid("permissions: unknown permission '" + shorten(permissionName)
                        + "'; known: " + PermissionNames.allNames());
            }
            permissions.add(permission);
        }
        int rateLimit = fields.integer("rate_limit", DEFAULT_RATE_LIMIT, 1, 100_000);
        int dailyLimit = fields.integer("daily_limit", DEFAULT_DAILY_LIMIT, 1, 10_000_000);
        Instant expiresAt = fields.instant("expires_at");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw AdminFields.invalid("expires_at must be in the future");
        }
        boolean requireSignature = fields.bool("require_signature", false);
        return new NewKeyRequest(name, description, accountId, List.copyOf(permissions), rateLimit, dailyLimit,
                expiresAt, requireSignature);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
