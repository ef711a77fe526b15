package io.toggltasksync.config;

/** Missing or invalid configuration: one clear line naming the setting, shown without a stack trace. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
