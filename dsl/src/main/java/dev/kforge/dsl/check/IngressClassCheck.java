package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.Spelling;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Ingress whose class is a letter or two from the class a common controller installs ({@code ngnix}, {@code traefk}) or from
 * an earlier Ingress's class in the stack: no controller serves it, so the Ingress is ignored without a word and its hosts get no
 * route. A warning: a cluster may run a controller under any class name.
 */
final class IngressClassCheck implements StackCheck {
    static final String ID = "ingress-class";

    /** The IngressClass each common controller installs by default, and the controller. */
    private static final Map<String, String> WELL_KNOWN = Map.ofEntries(
            Map.entry("nginx", "ingress-nginx's and NGINX Ingress Controller's"),
            Map.entry("traefik", "Traefik's"),
            Map.entry("haproxy", "HAProxy Kubernetes Ingress Controller's"),
            Map.entry("alb", "the AWS Load Balancer Controller's"),
            Map.entry("gce", "GKE's external load balancer's"),
            Map.entry("gce-internal", "GKE's internal load balancer's"),
            Map.entry("istio", "Istio's"),
            Map.entry("kong", "Kong's"),
            Map.entry("contour", "Contour's"),
            Map.entry("cilium", "Cilium's"),
            Map.entry("azure-application-gateway", "the Application Gateway Ingress Controller's"),
            Map.entry("webapprouting.kubernetes.azure.com", "AKS application routing's"),
            Map.entry("openshift-default", "OpenShift's"));

    /** The common classes in a fixed order, so that of two equally close ones the same is suggested on every run. */
    private static final List<String> WELL_KNOWN_SORTED = WELL_KNOWN.keySet().stream().sorted().toList();

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        // An Ingress is held to the classes of those before it: of two close classes, the later one is reported.
        Map<String, String> earlier = new LinkedHashMap<>();
        for (IngressDef ingress : index.all(IngressDef.class)) {
            String name = ingress.ingressClassName().orElse(null);
            if (name == null || WELL_KNOWN.containsKey(name) || earlier.containsKey(name)) {
                continue;
            }
            List<String> classes = new ArrayList<>(WELL_KNOWN_SORTED);
            classes.addAll(earlier.keySet());
            Spelling.closest(name, classes).ifPresent(known -> problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), ingress,
                    "has class " + name + ", a letter or two from " + known + ", " + WELL_KNOWN.getOrDefault(known, earlier.get(known)) + " class: "
                            + "unless the cluster runs a controller of class " + name + ", none serves the Ingress, which is ignored without "
                            + "a word, and its hosts get no route", "ingressClassName: " + name,
                    "Write withIngressClassName(\"" + known + "\"), if " + name + " is not the class of a controller the cluster runs.")));
            earlier.put(name, ingress.describe() + "'s");
        }
    }
}
