package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One RBAC rule: verbs on resources, optionally limited to named objects. Start with
 * {@code PolicyRule.allow(Verb.LIST).on(ApiResource.PODS)}.
 *
 * @param verbs         the allowed verbs, never empty
 * @param resources     the resources, never empty; each carries its API group
 * @param resourceNames limits the rule to these object names; empty for all
 */
public record PolicyRule(Set<Verb> verbs, List<ApiResource> resources, SortedSet<String> resourceNames) {
    public PolicyRule {
        if (verbs.isEmpty()) {
            throw new InvalidDefinitionException("PolicyRule: no verbs. Allow at least one, e.g. PolicyRule.allow(Verb.GET).");
        }
        if (resources.isEmpty()) {
            throw new InvalidDefinitionException("PolicyRule: no resources. Name at least one, e.g. .on(ApiResource.PODS).");
        }
        verbs = Collections.unmodifiableSet(EnumSet.copyOf(verbs));
        resources = List.copyOf(resources);
        resourceNames = Collections.unmodifiableSortedSet(new TreeSet<>(resourceNames));
        for (ApiResource resource : resources) {
            ConnectSubresources.requireCreate(resource, verbs);
        }
        for (Verb verb : List.of(Verb.CREATE, Verb.DELETE_COLLECTION)) {
            if (!resourceNames.isEmpty() && verbs.contains(verb)) {
                throw InvalidDefinitionException.invalid("PolicyRule", "verb", verb.apiValue(), "is invalid with resourceNames " + resourceNames
                        + ": the API server authorizes create and deletecollection requests by no object name, so the rule would never grant it",
                        "Allow " + verb.apiValue() + " in a rule of its own, without onlyNamed: PolicyRule.allow(Verb." + verb.name() + ").on(...).");
            }
        }
    }

    /** The first step: the verbs the rule allows. */
    public static ResourceStep allow(Verb first, Verb... more) {
        return new ResourceStep(EnumSet.copyOf(Given.atLeastOne("PolicyRule", "verb", first, more)));
    }

    /** The first step with a set of verbs, e.g. {@code allow(Verb.READ_ONLY)}. */
    public static ResourceStep allow(Set<Verb> verbs) {
        return new ResourceStep(Given.value("PolicyRule", "verbs", verbs));
    }

    /** The step that takes the resources. */
    public record ResourceStep(Set<Verb> verbs) {
        public PolicyRule on(ApiResource first, ApiResource... more) {
            return new PolicyRule(verbs, Given.atLeastOne("PolicyRule", "resource", first, more), new TreeSet<>());
        }
    }

    /** A copy limited to the objects with these names. */
    public PolicyRule onlyNamed(String... names) {
        TreeSet<String> copy = new TreeSet<>(resourceNames);
        copy.addAll(Given.all("PolicyRule", "resourceNames", names));
        return new PolicyRule(verbs, resources, copy);
    }

    /** The distinct API groups of the resources, in first-use order. */
    public List<String> groups() {
        return resources.stream().map(ApiResource::group).distinct().toList();
    }
}
