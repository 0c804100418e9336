package dev.kforge.dsl.core;

import java.util.List;

/**
 * A top-level Kubernetes object of the DSL, as one immutable value.
 *
 * @param <T> the implementing type, so that withers keep it
 */
public interface KubeObject<T extends KubeObject<T>> {

    Kind kind();

    Meta meta();

    /** A copy with other metadata; the basis of the label and annotation withers. */
    T withMeta(Meta meta);

    /** The escape-hatch edits of this object, in the order they were added. */
    List<? extends RawEdit<?>> rawEdits();

    default String name() {
        return meta().name();
    }

    /** A copy with one more label; the labels the stack derives ({@link Labels#STACK_DERIVED}) are refused. */
    default T withLabel(String key, String value) {
        Given.value(describe(), "label key", key);
        if (Labels.STACK_DERIVED.contains(key)) {
            throw InvalidDefinitionException.invalid(describe(), "label", key, "is set by the stack on every object",
                    "Use another key; the stack's value keeps selectors and pruning right.");
        }
        return withMeta(InvalidDefinitionException.reportedAs(describe(), () -> meta().withLabel(key, value)));
    }

    /** A copy with one more annotation; those the renderer writes (raw edits, waivers, a Secret's version) are refused. */
    default T withAnnotation(String key, String value) {
        Given.value(describe(), "annotation key", key);
        if (Annotations.RAW_EDITS.equals(key) || Annotations.WAIVERS.equals(key)) {
            throw InvalidDefinitionException.invalid(describe(), "annotation", key, "is written from the object's raw edits and waivers, "
                    + "so that reviewers can trust it", "Use withRawEdit(reason, ...) or waive(check, reason); their reasons go there.");
        }
        if (Annotations.SECRET_VERSION.equals(key) && Kind.SECRET.equals(kind())) {
            throw InvalidDefinitionException.invalid(describe(), "annotation", key, "is written from a Secret's declared version, so that "
                    + "make secrets and the operators compare the right values", "Use withVersion(\"" + value + "\") instead.");
        }
        if (Annotations.SECRET_VERSION.equals(key)) {
            throw InvalidDefinitionException.invalid(describe(), "annotation", key, "is written by the renderer for Secrets only, from their "
                    + "declared version", "Pick another key.");
        }
        return withMeta(InvalidDefinitionException.reportedAs(describe(), () -> meta().withAnnotation(key, value)));
    }

    /**
     * A copy for which {@code check} is not enforced. The reason is required, and written to the
     * object's {@code kforge.dev/waivers} annotation so that reviewers of the YAML see it too.
     */
    default T waive(PolicyCheck check, String reason) {
        return withMeta(meta().withWaiver(describe(), check, reason));
    }

    /** How problems name this object: {@code Deployment tgr}. */
    default String describe() {
        return kind().kind() + " " + name();
    }
}
