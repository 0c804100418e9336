package dev.kforge.dsl.check;

/** How much a problem matters: errors stop the render, warnings are printed. */
public enum Severity {
    ERROR, WARNING
}
