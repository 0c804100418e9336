package dev.kforge.dsl.render;

import dev.kforge.dsl.check.SecretPatterns;
import dev.kforge.dsl.render.CheckedFields.Field;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the checks of containers read ({@code ContainerPolicyCheck}, the secret, variable, config and
 * network reference checks): the image, command and arguments, each variable and where it comes
 * from, whether the image is never pulled, the ports, and which probes there are, what they reach and speak. (Security settings are judged
 * on the edited pod itself: against the namespace's Pod Security Standard, and by
 * {@link RawEditedSecurity} against the security policy.) Literal values that
 * look like secrets are never shown, only their length.
 */
final class ContainerFields {
    private ContainerFields() {
    }

    static void put(Map<String, Field> fields, String path, Container container) {
        fields.put(path + ".image", Field.of(container.getImage(), "withImage"));
        // The image-tag rule asks only whether the image is never pulled: Always, IfNotPresent and unset read alike.
        String pullPolicy = container.getImagePullPolicy();
        fields.put(path + ".imagePullPolicy", new Field(Objects.requireNonNullElse(pullPolicy, "unset (Always or IfNotPresent)"),
                "Never".equals(pullPolicy), "withPullPolicy"));
        words(fields, path + ".command", container.getCommand(), "withCommand");
        words(fields, path + ".args", container.getArgs(), "withArgs");
        for (EnvVar variable : RawEditResultCheck.orEmpty(container.getEnv())) {
            String at = path + ".env[" + variable.getName() + "]";
            fields.put(at, variable.getValueFrom() == null ? literal(at + ".value", variable.getValue(), "withEnv")
                    : Field.of(source(variable.getValueFrom()), "withEnv"));
        }
        fields.put(path + ".envFrom", Field.of(RawEditResultCheck.orEmpty(container.getEnvFrom()).stream().map(ContainerFields::source).toList(),
                "withEnvFrom"));
        fields.put(path + ".ports", Field.of(RawEditResultCheck.orEmpty(container.getPorts()).stream().map(ContainerFields::port).toList(),
                "withPort"));
        List<ContainerPort> ports = RawEditResultCheck.orEmpty(container.getPorts());
        fields.put(path + ".readinessProbe", Field.of(probe(container.getReadinessProbe(), ports), "withReadinessProbe"));
        fields.put(path + ".livenessProbe", Field.of(probe(container.getLivenessProbe(), ports), "withLivenessProbe"));
        fields.put(path + ".startupProbe", Field.of(probe(container.getStartupProbe(), ports), "withStartupProbe"));
    }

    /** A command's or arguments' words, each shown unless it looks like a secret. */
    private static void words(Map<String, Field> fields, String path, List<String> words, String step) {
        List<String> all = RawEditResultCheck.orEmpty(words);
        Map<String, String> byPath = new java.util.TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            byPath.put(path + "[" + i + "]", all.get(i));
        }
        // Judged with the word before it too: the value after --password.
        List<String> shown = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            shown.add(SecretPatterns.hidesSecret(path + "[" + i + "]", all.get(i), byPath) ? "<" + all.get(i).length() + " characters>" : all.get(i));
        }
        fields.put(path, new Field(String.valueOf(shown), String.valueOf(all), step));
    }

    private static Field literal(String path, String value, String step) {
        String text = Objects.requireNonNullElse(value, "");
        return new Field(SecretPatterns.hidesSecret(path, text) ? "a literal of " + text.length() + " characters" : "\"" + text + "\"", text, step);
    }

    private static String source(EnvVarSource source) {
        if (source.getConfigMapKeyRef() != null) {
            return "ConfigMap " + source.getConfigMapKeyRef().getName() + " key " + source.getConfigMapKeyRef().getKey();
        }
        if (source.getSecretKeyRef() != null) {
            return "Secret " + source.getSecretKeyRef().getName() + " key " + source.getSecretKeyRef().getKey();
        }
        if (source.getFieldRef() != null) {
            return "field " + source.getFieldRef().getFieldPath();
        }
        return source.getResourceFieldRef() == null ? "another source" : "resource " + source.getResourceFieldRef().getResource();
    }

    private static String source(EnvFromSource source) {
        String prefix = source.getPrefix() == null ? "" : " with prefix " + source.getPrefix();
        if (source.getConfigMapRef() != null) {
            return "ConfigMap " + source.getConfigMapRef().getName() + prefix;
        }
        return source.getSecretRef() == null ? "another source" : "Secret " + source.getSecretRef().getName() + prefix;
    }

    private static String port(ContainerPort port) {
        return Objects.requireNonNullElse(port.getName(), "unnamed") + " " + port.getContainerPort() + "/"
                + Objects.requireNonNullElse(port.getProtocol(), "TCP");
    }

    /**
     * What a probe reaches and speaks, not its timings: the checks ask whether there is one, whether its port is declared, and
     * whether it speaks what the port's name says (an HTTP probe's scheme: HTTPS is TLS; HTTP, the default, need not be written).
     */
    private static String probe(Probe probe, List<ContainerPort> ports) {
        if (probe == null) {
            return "none";
        }
        if (probe.getHttpGet() != null) {
            return ("HTTPS".equals(probe.getHttpGet().getScheme()) ? "httpsGet " : "httpGet ") + probe.getHttpGet().getPath() + " on "
                    + port(probe.getHttpGet().getPort(), ports);
        }
        if (probe.getTcpSocket() != null) {
            return "tcpSocket on " + port(probe.getTcpSocket().getPort(), ports);
        }
        if (probe.getGrpc() != null) {
            return "grpc on " + probe.getGrpc().getPort() + (probe.getGrpc().getService() == null ? "" : " for service " + probe.getGrpc().getService());
        }
        return probe.getExec() == null ? "other" : "exec";
    }

    /** A probe's port by number, a named one resolved against the container's ports: http and 8080 are one port. */
    private static String port(io.fabric8.kubernetes.api.model.IntOrString port, List<ContainerPort> ports) {
        if (port == null) {
            return "none";
        }
        if (port.getIntVal() != null) {
            return port.getIntVal().toString();
        }
        return ports.stream().filter(declared -> port.getStrVal().equals(declared.getName())).findFirst()
                .map(declared -> String.valueOf(declared.getContainerPort())).orElse(port.getStrVal());
    }
}
