package dev.kforge.dsl.check;

import dev.kforge.dsl.network.IngressDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Routes of Ingresses without a class, which the cluster's default IngressClass serves, met with the
 * same host and path routed under a named class. Which class is the default is the cluster's to say,
 * so the two may be one route served by one controller: a warning, where routes of one named class
 * clashing are an error.
 *
 * @param <O> what owns a route: the stack itself within a stack, or another environment's claims across them
 */
final class DefaultClassRoutes<O> {
    /** A route added before, with its owner and Ingress. */
    record Route<O>(O owner, IngressDef ingress, String ingressClass) {
    }

    private final Map<String, Route<O>> withoutClass = new HashMap<>();
    private final Map<String, Route<O>> withClass = new HashMap<>();

    /**
     * Adds a route ({@code class host type path}, as {@link NetworkReferencesCheck#routesOf} gives it) and returns the first
     * route of the other sort, with a class if this one has none and the other way round, for the same host and path.
     */
    Optional<Route<O>> add(String route, O owner, IngressDef ingress) {
        int classEnd = route.indexOf(' ');
        String ingressClass = route.substring(0, classEnd);
        String hostAndPath = route.substring(classEnd + 1);
        boolean classless = ingressClass.isEmpty();
        (classless ? withoutClass : withClass).putIfAbsent(hostAndPath, new Route<>(owner, ingress, ingressClass));
        return Optional.ofNullable((classless ? withClass : withoutClass).get(hostAndPath));
    }

    /** What the problem says of {@code ingress} (routing {@code route}), which meets {@code other}, routed by {@code otherName}. */
    static String meeting(String route, Route<?> other, String otherName) {
        String ingressClass = route.substring(0, route.indexOf(' '));
        return ingressClass.isEmpty()
                ? "has no ingressClassName, so the cluster's default IngressClass serves it, and routes a host and path that " + otherName
                        + " routes with class " + other.ingressClass() + ": if " + other.ingressClass() + " is the default class, its controller "
                        + "would serve only one of them"
                : "routes with class " + ingressClass + " a host and path that " + otherName + " routes without an ingressClassName, which the "
                        + "cluster's default IngressClass serves: if " + ingressClass + " is the default class, its controller would serve only one of them";
    }

    /** The fix: name the class the class-less Ingress is meant for; {@code sameClassFix} says how to part one class's routes. */
    static String fix(IngressDef ingress, String route, Route<?> other, String sameClassFix) {
        String ingressClass = route.substring(0, route.indexOf(' '));
        String classless = ingressClass.isEmpty() ? ingress.name() : other.ingress().name();
        String named = ingressClass.isEmpty() ? other.ingressClass() : ingressClass;
        return "Give Ingress " + classless + " the class it is meant for with withIngressClassName(...): with \"" + named + "\", "
                + sameClassFix + "; another class keeps them apart.";
    }
}
