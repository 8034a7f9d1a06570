package io.switchboard.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes outside an allow-list when it deserializes. Our generated records are
 * trusted here, once per JVM, in addition to Avro's own defaults, so no deployment has to set a system property.
 * Building a record whose defaults are records (e.g. {@code TemplateContent}) needs it too, so {@link
 * io.switchboard.schemas.Topics} installs it as soon as the catalogue is loaded.
 */
public final class TrustedAvroClasses {

    static final String GENERATED_PACKAGE = "io.switchboard.schemas.avro.";
    private static volatile boolean installed;

    private TrustedAvroClasses() {
    }

    /** Trusts the generated package; idempotent. Runs when {@code Topics} loads or a deserializer is made. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (TrustedAvroClasses.class) {
            if (!installed) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                        type -> type.getName().startsWith(GENERATED_PACKAGE)));
                installed = true;
            }
        }
    }
}
