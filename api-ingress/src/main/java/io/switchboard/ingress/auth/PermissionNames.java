package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.Permission;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The public names of permissions ({@code send_text}, {@code send_template}, {@code send_media},
 * {@code view_templates}, {@code view_messages}): the lower-cased Avro symbol, so the API, the topic and error
 * messages can never disagree about a name.
 */
public final class PermissionNames {

    private PermissionNames() {
    }

    public static String of(Permission permission) {
        return permission.name().toLowerCase(Locale.ROOT);
    }

    /** The permission with this public name (exact, lower case), or null when there is none. */
    @Nullable
    public static Permission parse(String name) {
        for (Permission permission : Permission.values()) {
            if (of(permission).equals(name)) {
                return permission;
            }
        }
        return null;
    }

    /** Every public name, comma-separated, for error messages. */
    public static String allNames() {
        return Arrays.stream(Permission.values()).map(PermissionNames::of).collect(Collectors.joining(", "));
    }

    public static List<String> of(List<Permission> permissions) {
        return permissions.stream().map(PermissionNames::of).toList();
    }
}
