package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Emissary 3 opens no port without a Listener (its docs: Listener resources are required for a functioning installation),
 * so the Mapping resources of a gateway without one are never reached. Reported once per gateway of the stack, on its first
 * Mapping.
 */
public final class GatewayListenerPresenceCheck implements StackCheck {
    public static final String ID = "gateway-without-listener";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<EmissaryListener> listeners = index.all(EmissaryListener.class);
        // A gateway installed elsewhere may take its Listeners from elsewhere too: only the stack's gateways are judged.
        Set<String> served = index.all(DeploymentDef.class).stream().flatMap(deployment -> deployment.containers().stream())
                .flatMap(container -> GatewayReferencesCheck.gatewayId(container).stream()).collect(Collectors.toSet());
        Set<AmbassadorId> reported = new LinkedHashSet<>();
        for (EmissaryMapping mapping : index.all(EmissaryMapping.class)) {
            AmbassadorId id = mapping.ambassadorId().orElse(AmbassadorId.DEFAULT);
            if (served.contains(id.value()) && listeners.stream().noneMatch(listener -> AmbassadorId.sameGateway(listener.ambassadorId(), mapping.ambassadorId()))
                    && reported.add(id)) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), mapping,
                        "is read by a gateway without a Listener, and Emissary 3 opens no port without one, so no request reaches it",
                        "ambassador_id " + id + ": no Listener",
                        "Add EmissaryListener.named(\"http\").on(gateway.httpPort()).accepting(Protocol.HTTP, SecurityModel.XFP).servedBy(gateway)."));
            }
        }
    }
}
