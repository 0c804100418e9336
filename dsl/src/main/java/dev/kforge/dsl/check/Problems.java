package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a render, so all of them are reported at once. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void add(Problem problem) {
        found.add(problem);
    }

    public List<Problem> all() {
        return List.copyOf(found);
    }

    public List<Problem> errors() {
        return found.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return found.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }
}
