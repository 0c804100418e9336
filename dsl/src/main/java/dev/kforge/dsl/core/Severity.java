package dev.kforge.dsl.core;

/** How much a problem matters: errors stop the render, warnings are printed, OFF skips a policy check. */
public enum Severity {
    ERROR, WARNING, OFF
}
