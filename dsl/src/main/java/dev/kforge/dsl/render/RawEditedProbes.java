package dev.kforge.dsl.render;

import dev.kforge.dsl.check.ProbeProtocol;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The probes of a container a raw edit adds, judged as the definition's are: a port named that the container does not declare
 * is refused whatever the policy (the kubelet resolves the name among the probed container's ports alone, finds none and fails
 * every probe; the probe-port check refuses it of a definition), and a probe speaking another protocol than its port's name says
 * breaks the probe-protocol rule ({@link ProbeProtocol}). A port given by number is named by the container's port of that number.
 */
final class RawEditedProbes {
    private RawEditedProbes() {
    }

    static void judge(Container container, KubeObject<?> object, Stack stack, RawEditedContainers.Findings findings) {
        judge(container, "readinessProbe", container.getReadinessProbe(), object, stack, findings);
        judge(container, "livenessProbe", container.getLivenessProbe(), object, stack, findings);
        judge(container, "startupProbe", container.getStartupProbe(), object, stack, findings);
    }

    private static void judge(Container container, String field, Probe probe, KubeObject<?> object, Stack stack,
                              RawEditedContainers.Findings findings) {
        IntOrString port = probe == null ? null : port(probe);
        if (port == null || port.getIntVal() == null && port.getStrVal() == null) {
            return; // an exec probe, none, or one without a port, which the API server refuses
        }
        String subject = "container " + container.getName() + "'s " + field;
        List<ContainerPort> ports = RawEditResultCheck.orEmpty(container.getPorts());
        Optional<String> name = port.getStrVal() != null
                ? ports.stream().map(ContainerPort::getName).filter(port.getStrVal()::equals).findFirst()
                : ports.stream().filter(declared -> port.getIntVal().equals(declared.getContainerPort())
                        && (declared.getProtocol() == null || declared.getProtocol().equals("TCP")))
                        .map(ContainerPort::getName).filter(Objects::nonNull).findFirst(); // a port without a name says no protocol
        if (port.getStrVal() != null && name.isEmpty()) {
            findings.refused(subject + " uses port " + port.getStrVal() + ", which the container does not declare: the kubelet finds no "
                    + "port of that name, and every probe fails");
        } else if (name.isPresent() && PolicyRules.enforced(PolicyCheck.PROBE_PROTOCOL, object, stack)) {
            spoken(probe).flatMap(protocol -> protocol.against(name.get()))
                    .ifPresent(mismatch -> findings.breaks(PolicyCheck.PROBE_PROTOCOL, subject + " " + mismatch.problem()));
        }
    }

    /** The port a probe connects to; null for an exec probe. */
    private static IntOrString port(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        return probe.getGrpc() == null || probe.getGrpc().getPort() == null ? null : new IntOrString(probe.getGrpc().getPort());
    }

    private static Optional<ProbeProtocol> spoken(Probe probe) {
        if (probe.getGrpc() != null) {
            return Optional.of(ProbeProtocol.GRPC);
        }
        if (probe.getHttpGet() != null) {
            return Optional.of("HTTPS".equals(probe.getHttpGet().getScheme()) ? ProbeProtocol.HTTPS : ProbeProtocol.HTTP);
        }
        return Optional.empty(); // a TCP probe only connects
    }
}
