package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.stack.Stack;

/** No two objects of one kind share a name in a stack: the second would overwrite the first. */
final class UniqueNamesCheck implements StackCheck {
    static final String ID = "unique-name";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (KubeObject<?> object : index.duplicates()) {
            KubeObject<?> first = index.find(object.kind(), object.name(), KubeObject.class).orElseThrow();
            if (first.equals(object)) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), object, "is added to the stack twice", object.name(),
                        "Remove one of the Stack.with(...) calls that add it."));
                continue;
            }
            Origin firstOrigin = first.meta().origin();
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), object, "another " + object.kind() + " has the same name",
                    object.name(), "Rename one; the second would replace the first in the cluster."
                            + (firstOrigin.equals(Origin.UNKNOWN) ? "" : " The first is at " + firstOrigin + ".")));
        }
    }
}
