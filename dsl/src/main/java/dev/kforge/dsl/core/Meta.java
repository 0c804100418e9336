package dev.kforge.dsl.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What every object has besides its spec: a checked name, labels, annotations, the policy checks
 * waived for it (each with its reason), and the place in the user's code that defined it.
 */
public record Meta(String name, Labels labels, Annotations annotations, Map<PolicyCheck, String> waivers, Origin origin) {

    public Meta {
        EnumMap<PolicyCheck, String> copy = new EnumMap<>(PolicyCheck.class);
        copy.putAll(waivers);
        waivers = Collections.unmodifiableMap(copy);
    }

    /** Checks {@code name} against the kind's naming rule and records the caller's source line. */
    public static Meta named(Kind kind, String name) {
        return new Meta(Names.require(kind.nameRule(), kind.kind(), "name", name), Labels.EMPTY, Annotations.EMPTY,
                Map.of(), Origin.capture());
    }

    public Meta withLabel(String key, String value) {
        return new Meta(name, labels.with(key, value), annotations, waivers, origin);
    }

    public Meta withLabels(Labels more) {
        return new Meta(name, labels.with(more), annotations, waivers, origin);
    }

    public Meta withAnnotation(String key, String value) {
        return new Meta(name, labels, annotations.with(key, value), waivers, origin);
    }

    /** A copy that skips {@code check} for this object; the reason is required and written to the output. */
    public Meta withWaiver(String subject, PolicyCheck check, String reason) {
        return new Meta(name, labels, annotations, withWaiver(waivers, subject, check, reason), origin);
    }

    /**
     * {@code waivers} and one more, of {@code check} for {@code reason}: required, and one line without ';', since the reasons of
     * an object (its containers' too) are joined with "; " in its {@code kforge.dev/waivers} annotation.
     */
    public static Map<PolicyCheck, String> withWaiver(Map<PolicyCheck, String> waivers, String subject, PolicyCheck check, String reason) {
        Given.value(subject, "waived check", check);
        if (reason == null || reason.isBlank()) {
            throw InvalidDefinitionException.of(subject, "waiver of " + check.id() + " has no reason. "
                    + "Say why the rule does not apply; review reads it in the output.");
        }
        if (reason.contains("\n") || reason.contains(";")) {
            throw InvalidDefinitionException.invalid(subject, "waiver of " + check.id() + " reason", reason,
                    "must be one line of text without ';'", "The reasons of an object are joined with \"; \" in its kforge.dev/waivers annotation.");
        }
        EnumMap<PolicyCheck, String> copy = new EnumMap<>(PolicyCheck.class);
        copy.putAll(waivers);
        copy.put(check, reason.strip());
        return Collections.unmodifiableMap(copy);
    }
}
