package dev.kforge.dsl.check;

/**
 * What a container port's name says its server speaks: the IANA service name ({@code http}, {@code https}), or its first word
 * ({@code http-metrics}, {@code grpc-api}), the convention service meshes read a port's protocol from. Kubernetes itself
 * reads nothing from the name, so a mismatch with a probe is a policy rule's judgement, not a refusal.
 */
enum PortNameProtocol {
    PLAIN_HTTP, TLS, GRPC, UNSAID;

    static PortNameProtocol of(String name) {
        if (name.equals("grpc-web") || name.startsWith("grpc-web-")) {
            return UNSAID; // gRPC-Web: framed for HTTP/1.1 browsers, usually behind a proxy; neither probe's protocol for sure
        }
        int dash = name.indexOf('-');
        return switch (dash < 0 ? name : name.substring(0, dash)) {
            case "http" -> PLAIN_HTTP;
            case "https", "tls" -> TLS;
            case "grpc" -> GRPC;
            default -> UNSAID;
        };
    }
}
