package io.switchboard.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the simulated template list, under {@value #PREFIX}. The built-in list ships as the classpath
 * resource {@code simulator/templates.json}; {@code file} names an extra JSON file in the same format whose
 * templates are added, replacing a built-in one of the same name and language. With {@code enforce} off, template
 * sends are only checked for shape, as before the list existed. {@code waba-files.<waba-id>} starts further WABAs,
 * each with the templates of its file (no built-ins); {@code phone-numbers.<phone-number-id>: <waba-id>} says
 * which WABA a number belongs to (unassigned numbers belong to {@code simulator.waba-id}).
 */
@ConfigurationProperties(TemplatesConfig.PREFIX)
public class TemplatesConfig {

    public static final String PREFIX = "simulator.templates";

    private boolean builtin = true;
    @Nullable
    private String file;
    private boolean enforce = true;
    private Map<String, String> wabaFiles = new HashMap<>();
    private Map<String, String> phoneNumbers = new HashMap<>();

    public boolean isBuiltin() {
        return builtin;
    }

    public void setBuiltin(boolean builtin) {
        this.builtin = builtin;
    }

    @Nullable
    public String getFile() {
        return file;
    }

    public void setFile(@Nullable String file) {
        this.file = file;
    }

    public boolean isEnforce() {
        return enforce;
    }

    public void setEnforce(boolean enforce) {
        this.enforce = enforce;
    }

    public Map<String, String> getWabaFiles() {
        return wabaFiles;
    }

    public void setWabaFiles(Map<String, String> wabaFiles) {
        this.wabaFiles = wabaFiles;
    }

    public Map<String, String> getPhoneNumbers() {
        return phoneNumbers;
    }

    public void setPhoneNumbers(Map<String, String> phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }
}
