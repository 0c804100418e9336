package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeAction;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.VolumeMount;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders one container; ports referenced by probes are written by name. */
final class ContainerRenderer {
    private ContainerRenderer() {
    }

    static Container render(ContainerDef container) {
        ContainerBuilder builder = new ContainerBuilder()
                .withName(container.name())
                .withImage(container.image().reference())
                .withImagePullPolicy(container.pullPolicy().apiValue())
                .withCommand(container.command().isEmpty() ? null : container.command())
                .withArgs(container.args().isEmpty() ? null : container.args())
                .withResources(resources(container.resources()))
                .withSecurityContext(security(container.security()));
        for (Port port : container.ports()) {
            builder.addToPorts(new ContainerPortBuilder()
                    .withName(port.name()).withContainerPort(port.number()).withProtocol(port.protocol().name()).build());
        }
        container.env().forEach(var -> builder.addToEnv(env(var)));
        container.envFrom().forEach(source -> builder.addToEnvFrom(envFrom(source)));
        container.readinessProbe().ifPresent(p -> builder.withReadinessProbe(probe(p)));
        container.livenessProbe().ifPresent(p -> builder.withLivenessProbe(probe(p)));
        container.startupProbe().ifPresent(p -> builder.withStartupProbe(probe(p)));
        for (VolumeMount mount : container.mounts()) {
            builder.addToVolumeMounts(new VolumeMountBuilder()
                    .withName(mount.volume().name())
                    .withMountPath(mount.mountPath())
                    .withReadOnly(mount.readOnly() ? Boolean.TRUE : null)
                    .build());
        }
        return builder.build();
    }

    private static EnvVar env(EnvVarDef var) {
        EnvVarBuilder builder = new EnvVarBuilder().withName(var.name());
        if (var instanceof EnvVarDef.Literal literal) {
            return builder.withValue(literal.value()).build();
        }
        if (var instanceof EnvVarDef.FromConfigMap config) {
            return builder.withNewValueFrom().withNewConfigMapKeyRef()
                    .withName(config.source().configMap().name()).withKey(config.source().key())
                    .endConfigMapKeyRef().endValueFrom().build();
        }
        if (var instanceof EnvVarDef.FromSecret secret) {
            return builder.withNewValueFrom().withNewSecretKeyRef()
                    .withName(secret.source().secret().name()).withKey(secret.source().key())
                    .endSecretKeyRef().endValueFrom().build();
        }
        if (var instanceof EnvVarDef.FromPodField field) {
            return builder.withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath(field.field().path())
                    .endFieldRef().endValueFrom().build();
        }
        EnvVarDef.FromResource resource = (EnvVarDef.FromResource) var;
        return builder.withNewValueFrom().withNewResourceFieldRef()
                .withResource(resource.field().resource()).withDivisor(new Quantity(resource.field().divisor()))
                .endResourceFieldRef().endValueFrom().build();
    }

    private static io.fabric8.kubernetes.api.model.EnvFromSource envFrom(EnvFromSource source) {
        EnvFromSourceBuilder builder = new EnvFromSourceBuilder().withPrefix(source.prefix().isEmpty() ? null : source.prefix());
        if (source instanceof EnvFromSource.AllOfConfigMap config) {
            return builder.withNewConfigMapRef().withName(config.configMap().name()).endConfigMapRef().build();
        }
        return builder.withNewSecretRef().withName(((EnvFromSource.AllOfSecret) source).secret().name()).endSecretRef().build();
    }

    static Probe probe(ProbeDef probe) {
        ProbeBuilder builder = new ProbeBuilder()
                .withInitialDelaySeconds(probe.initialDelaySeconds())
                .withPeriodSeconds(probe.periodSeconds())
                .withTimeoutSeconds(probe.timeoutSeconds())
                .withSuccessThreshold(probe.successThreshold())
                .withFailureThreshold(probe.failureThreshold());
        ProbeAction action = probe.action();
        if (action instanceof ProbeAction.HttpGet http) {
            builder.withNewHttpGet().withPath(http.path()).withPort(new IntOrString(http.target().name()))
                    .withScheme(http.scheme().name()).endHttpGet();
        } else if (action instanceof ProbeAction.TcpSocket tcp) {
            builder.withNewTcpSocket().withPort(new IntOrString(tcp.target().name())).endTcpSocket();
        } else {
            builder.withNewExec().withCommand(((ProbeAction.Exec) action).command()).endExec();
        }
        return builder.build();
    }

    private static ResourceRequirements resources(Resources resources) {
        if (resources.isEmpty()) {
            return null;
        }
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        resources.cpuRequest().ifPresent(cpu -> requests.put("cpu", new Quantity(cpu.quantity())));
        resources.memoryRequest().ifPresent(memory -> requests.put("memory", new Quantity(memory.quantity())));
        resources.cpuLimit().ifPresent(cpu -> limits.put("cpu", new Quantity(cpu.quantity())));
        resources.memoryLimit().ifPresent(memory -> limits.put("memory", new Quantity(memory.quantity())));
        return new ResourceRequirementsBuilder()
                .withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits)
                .build();
    }

    private static SecurityContext security(ContainerSecurity security) {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(security.runAsNonRoot())
                .withReadOnlyRootFilesystem(security.readOnlyRootFilesystem())
                .withAllowPrivilegeEscalation(security.allowPrivilegeEscalation())
                .withPrivileged(security.privileged() ? Boolean.TRUE : null)
                .withNewCapabilities()
                .withDrop(security.drop().isEmpty() ? null : security.drop().stream().map(Capability::name).toList())
                .withAdd(security.add().isEmpty() ? null : security.add().stream().map(Capability::name).toList())
                .endCapabilities()
                .build();
    }
}
