package io.switchboard.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Settings of the simulated template list, under {@value #PREFIX}. The built-in list ships as the classpath
 * resource {@code simulator/templates.json}; {@code file} names an extra JSON file in the same format whose
 * templates are added, replacing a built-in one of the same name and language. With {@code enforce} off, template
 * sends are only checked for shape, as before the list existed.
 */
@ConfigurationProperties(TemplatesConfig.PREFIX)
public class TemplatesConfig {

    public static final String PREFIX = "simulator.templates";

    private boolean builtin = true;
    @Nullable
    private String file;
    private boolean enforce = true;

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
}
