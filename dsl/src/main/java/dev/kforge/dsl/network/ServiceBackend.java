package dev.kforge.dsl.network;

/** A Service and one of its ports, obtained from {@link ServiceDef#backend(ServicePort)}. */
public record ServiceBackend(ServiceDef service, ServicePort port) {

    /** {@code service:port}, as gateway mappings write it. */
    public String address() {
        return service.name() + ":" + port.port();
    }
}
