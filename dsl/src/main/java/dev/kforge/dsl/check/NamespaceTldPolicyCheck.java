package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/**
 * The {@link PolicyCheck#NAMESPACE_TLD} rule: a namespace named like a public top-level domain. A pod's DNS search path
 * ends in {@code svc.cluster.local}, and names of fewer than five dots are tried there first, so a pod of any namespace
 * that looks up {@code web.dev} gets the Service web of the namespace dev, not the public host (Kubernetes' Namespaces page).
 */
final class NamespaceTldPolicyCheck implements StackCheck {
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        String namespace = stack.namespace().name();
        if (!TopLevelDomains.isPublic(namespace)) {
            return;
        }
        List<String> hosts = index.all(ServiceDef.class).stream().map(service -> service.name() + "." + namespace).toList();
        String actual = hosts.isEmpty() ? "namespace " + namespace + ", no Service in it yet"
                : "namespace " + namespace + "; its Services answer for " + String.join(", ", hosts);
        String instance = stack.instance();
        String rename = instance.equals(namespace) || TopLevelDomains.isPublic(instance) ? "<service>-<environment>" : instance;
        PolicyReporter.report(stack, stack.namespace(), PolicyCheck.NAMESPACE_TLD, "is named like the public top-level domain ."
                        + namespace + ": the cluster's DNS tries a short name under svc.cluster.local before the public one, so a pod of "
                        + "any namespace that looks up a host of ." + namespace + " without a final dot reaches this namespace's Service of "
                        + "that name, not the public host",
                actual, "Name the namespace after its service and environment, e.g. \"" + rename + "\".", problems);
    }
}
