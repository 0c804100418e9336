package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.workload.ContainerDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects every problem of a render, so all of them are reported at once. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();
    /** Policy findings an object waived ({@code Kind name/check-id}): not reported, but they show a waiver is in use. */
    private final Set<String> waived = new HashSet<>();

    public void add(Problem problem) {
        found.add(problem);
    }

    /** A policy finding that {@code object} waives: not a problem, but proof that its waiver is needed. */
    void waived(KubeObject<?> object, PolicyCheck check) {
        waived.add(object.describe() + "/" + check.id());
    }

    boolean wasWaived(KubeObject<?> object, PolicyCheck check) {
        return waived.contains(object.describe() + "/" + check.id());
    }

    /** A policy finding that {@code container} of {@code object} waives ({@code ContainerDef.waive}). */
    void waived(KubeObject<?> object, ContainerDef container, PolicyCheck check) {
        waived.add(object.describe() + "/container " + container.name() + "/" + check.id());
    }

    boolean wasWaived(KubeObject<?> object, ContainerDef container, PolicyCheck check) {
        return waived.contains(object.describe() + "/container " + container.name() + "/" + check.id());
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
