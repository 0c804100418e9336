package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pods' connect subresources, which {@code kubectl exec}, {@code attach} and {@code port-forward} open: the API server
 * authorizes them as {@code create} (an SPDY POST, and from Kubernetes 1.35 a WebSocket upgrade too, the
 * AuthorizePodWebsocketUpgradeCreatePermission gate of KEP-4006; before, a WebSocket upgrade was a {@code get}). So a rule
 * on them without create either grants nothing or, on older clusters, exec through WebSockets alone.
 */
final class ConnectSubresources {
    private static final List<String> PLURALS = List.of("pods/exec", "pods/attach", "pods/portforward");
    private static final Set<Verb> ASKED = Set.of(Verb.CREATE, Verb.GET);

    private ConnectSubresources() {
    }

    /** Refuses {@code verbs} on {@code resource} unless they are create, with get beside it at most. */
    static void requireCreate(ApiResource resource, Set<Verb> verbs) {
        if (!resource.group().isEmpty() || !PLURALS.contains(resource.plural())
                || verbs.contains(Verb.CREATE) && ASKED.containsAll(verbs)) {
            return;
        }
        throw InvalidDefinitionException.invalid("PolicyRule", "verbs on " + resource.plural(),
                verbs.stream().map(Verb::apiValue).collect(Collectors.joining(", ")),
                "must be create: the API server authorizes " + resource.plural() + " as create (get only for a WebSocket "
                        + "upgrade, and no longer from Kubernetes 1.35), so the rule grants nothing, or on older clusters exec "
                        + "through WebSockets alone",
                "Allow create: PolicyRule.allow(Verb.CREATE).on(ApiResource.of(\"\", \"" + resource.plural() + "\")).");
    }
}
