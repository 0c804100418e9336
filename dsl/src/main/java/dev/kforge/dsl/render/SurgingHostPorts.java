package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A DaemonSet whose update surges starts a node's new pod beside the old one; pods that raw edits bind to their node's ports
 * (a hostPort, or hostNetwork with a declared port) cannot both hold one, so the scheduler never places the new pod and the
 * update, which stops the old pod only once the new one is ready, waits forever (kubernetes.io/docs/concepts/configuration/overview:
 * each hostIP, hostPort and protocol combination must be unique).
 */
final class SurgingHostPorts {
    private SurgingHostPorts() {
    }

    static void check(KubeObject<?> object, DaemonSetSpec spec) {
        String surge = surgeOf(spec);
        PodSpec pod = spec == null || spec.getTemplate() == null ? null : spec.getTemplate().getSpec();
        if (surge == null || pod == null) {
            return;
        }
        boolean hostNetwork = Boolean.TRUE.equals(pod.getHostNetwork());
        List<String> bound = new ArrayList<>();
        if (hostNetwork) {
            bound.add("hostNetwork: true");
        }
        for (HostPort port : HostPort.of(spec.getTemplate())) {
            bound.add("container " + port.container() + (port.declared() ? " hostPort " : " port ") + port.port());
        }
        if (bound.size() > (hostNetwork ? 1 : 0)) {
            throw new RawEditException(object, "raw edits bind its pods to their node's ports, but its update starts a node's new pod before "
                    + "the old one stops (maxSurge): the new pod cannot take the port the old one holds, so it never starts and the update "
                    + "waits for it forever", String.join(", ", bound) + ", maxSurge " + surge,
                    "Use withUpdate(DaemonSetUpdate.ROLLING), which stops a node's old pod first, or drop the host port.", object.meta().origin(), null);
        }
    }

    /** The rendered maxSurge when it is above 0, else null. */
    private static String surgeOf(DaemonSetSpec spec) {
        RollingUpdateDaemonSet rolling = spec == null || spec.getUpdateStrategy() == null ? null : spec.getUpdateStrategy().getRollingUpdate();
        IntOrString surge = rolling == null ? null : rolling.getMaxSurge();
        if (surge == null || surge.getIntVal() != null && surge.getIntVal() == 0 || "0%".equals(surge.getStrVal())) {
            return null;
        }
        return surge.getIntVal() != null ? surge.getIntVal().toString() : surge.getStrVal();
    }
}
