package dev.kforge.tgr.config;

import java.util.List;

/** The environment does not describe a valid configuration; the message names every offending variable. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per offending variable, in the order the variables are read. */
    public List<String> problems() {
        return problems;
    }
}
