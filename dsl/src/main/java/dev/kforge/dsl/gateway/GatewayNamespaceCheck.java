package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link GatewayInstallation} reads only its own namespace ({@code AMBASSADOR_SINGLE_NAMESPACE}), so an Emissary resource
 * marked {@code servedBy} the installation of another namespace (a second service's Mapping on the first one's gateway) is
 * never read: its route is a 404 that no other check sees. An id given by hand ({@link AmbassadorId#of}) names a gateway
 * installed elsewhere, which may read every namespace: not judged.
 */
public final class GatewayNamespaceCheck implements StackCheck {
    public static final String ID = "gateway-namespace";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        String namespace = stack.namespace().name();
        List<KubeObject<?>> resources = new ArrayList<>(index.all(EmissaryMapping.class));
        resources.addAll(index.all(EmissaryHost.class));
        resources.addAll(index.all(EmissaryListener.class));
        for (KubeObject<?> resource : resources) {
            Optional<AmbassadorId> id = GatewayReferencesCheck.ambassadorIdOf(resource);
            Optional<String> read = id.flatMap(AmbassadorId::onlyNamespace);
            if (read.isPresent() && !read.get().equals(namespace)) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), resource,
                        "is served by the gateway installed in namespace " + read.get() + ", which reads only its own namespace "
                                + "(AMBASSADOR_SINGLE_NAMESPACE), so it never sees this " + resource.kind().kind() + " of namespace " + namespace,
                        "ambassador_id " + id.get(),
                        "Install a gateway in this stack, GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, namespace), "
                                + "and mark the route servedBy(it); or route with an IngressDef."));
            }
        }
    }
}
