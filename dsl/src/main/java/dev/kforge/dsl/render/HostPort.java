package dev.kforge.dsl.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A port a rendered pod takes on its node: a container's hostPort, or under hostNetwork each declared port (the API server
 * sets hostPort to it). Only raw edits give either. Each hostIP, hostPort and protocol combination can be held by one pod of
 * a node (kubernetes.io/docs/concepts/configuration/overview); an unset hostIP or 0.0.0.0 takes the port on every address.
 *
 * @param declared whether the container gave it as a hostPort, rather than hostNetwork binding its declared port
 * @param ip       an address of the node, or {@link #ANY}
 */
record HostPort(String container, int port, String protocol, String ip, boolean declared) {
    static final String ANY = "0.0.0.0";

    /** The ports the pods of {@code template} take on their node, in the order of containers and their ports. */
    static List<HostPort> of(PodTemplateSpec template) {
        boolean hostNetwork = Boolean.TRUE.equals(template.getSpec().getHostNetwork());
        List<HostPort> ports = new ArrayList<>();
        for (Container container : RawEditedSecurity.containers(template)) {
            for (ContainerPort port : RawEditResultCheck.orEmpty(container.getPorts())) {
                boolean declared = port.getHostPort() != null && port.getHostPort() != 0;
                Integer number = declared ? port.getHostPort() : hostNetwork ? port.getContainerPort() : null;
                if (number != null) {
                    String ip = port.getHostIP() == null || port.getHostIP().isEmpty() ? ANY : port.getHostIP();
                    ports.add(new HostPort(container.getName(), number, port.getProtocol() == null ? "TCP" : port.getProtocol(), ip, declared));
                }
            }
        }
        return ports;
    }

    boolean clashesWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol) && (ip.equals(other.ip) || ip.equals(ANY) || other.ip.equals(ANY));
    }
}
