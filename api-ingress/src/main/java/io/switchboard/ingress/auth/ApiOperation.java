package io.switchboard.ingress.auth;

import io.switchboard.schemas.avro.Permission;

/**
 * The one table of what each public operation requires (the Coext API's permissions): text and interactive messages need
 * {@code send_text}, templates {@code send_template}, media {@code send_media}, template listing and details
 * {@code view_templates}, message status (one message or a batch), the outbound and inbound message listings and
 * inbound media downloads
 * {@code view_messages} (they are message history: the permission for "retrieving message history and status"). Every endpoint authenticates with its operation
 * ({@link ApiKeyAuthenticator#authenticate(String, ApiOperation)}), so a permission rule lives here and nowhere else.
 */
public enum ApiOperation {
    SEND_TEXT(Permission.SEND_TEXT),
    SEND_INTERACTIVE(Permission.SEND_TEXT),
    SEND_TEMPLATE(Permission.SEND_TEMPLATE),
    SEND_MEDIA(Permission.SEND_MEDIA),
    LIST_TEMPLATES(Permission.VIEW_TEMPLATES),
    GET_TEMPLATE(Permission.VIEW_TEMPLATES),
    GET_MESSAGE(Permission.VIEW_MESSAGES),
    GET_MESSAGES(Permission.VIEW_MESSAGES),
    LIST_OUTBOUND_MESSAGES(Permission.VIEW_MESSAGES),
    LIST_INBOUND_MESSAGES(Permission.VIEW_MESSAGES),
    DOWNLOAD_MEDIA(Permission.VIEW_MESSAGES);

    private final Permission permission;

    ApiOperation(Permission permission) {
        this.permission = permission;
    }

    /** The permission a key needs for this operation. */
    public Permission permission() {
        return permission;
    }
}
