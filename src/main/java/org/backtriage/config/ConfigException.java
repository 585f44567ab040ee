package org.backtriage.config;

/** A setting, tree file or message file is missing or wrong; the message says which and how. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
