package dev.kforge.dsl.check;

import dev.kforge.dsl.stack.Stack;

/** A rule over the objects of one environment. */
public interface StackCheck {

    /** Adds a problem to {@code problems} for every violation in {@code stack}. */
    void check(Stack stack, StackIndex index, Problems problems);
}
