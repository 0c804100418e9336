package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.ProbeAction;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.VolumeMount;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one container; ports referenced by probes are written by name. Like every renderer it
 * fills the fabric8 model with setters: the generated builders cost several times more, and a
 * render builds tens of thousands of these.
 */
final class ContainerRenderer {
    private ContainerRenderer() {
    }

    static Container render(ContainerDef definition) {
        Container container = new Container();
        container.setName(definition.name());
        container.setImage(definition.image().reference());
        container.setImagePullPolicy(definition.pullPolicy().apiValue());
        container.setCommand(definition.command().isEmpty() ? null : new ArrayList<>(definition.command()));
        container.setArgs(definition.args().isEmpty() ? null : new ArrayList<>(definition.args()));
        container.setResources(resources(definition.resources()));
        container.setSecurityContext(security(definition.security()));
        List<ContainerPort> ports = new ArrayList<>();
        for (Port port : definition.ports()) {
            ContainerPort rendered = new ContainerPort();
            rendered.setName(port.name());
            rendered.setContainerPort(port.number());
            rendered.setProtocol(port.protocol().name());
            ports.add(rendered);
        }
        container.setPorts(ports);
        // Mutable lists, as the pod's: raw edits may add to them.
        container.setEnv(new ArrayList<>(definition.env().stream().map(ContainerRenderer::env).toList()));
        container.setEnvFrom(new ArrayList<>(definition.envFrom().stream().map(ContainerRenderer::envFrom).toList()));
        definition.readinessProbe().ifPresent(p -> container.setReadinessProbe(probe(p)));
        definition.preStop().ifPresent(preStop -> container.setLifecycle(lifecycle(preStop)));
        definition.livenessProbe().ifPresent(p -> container.setLivenessProbe(probe(p)));
        definition.startupProbe().ifPresent(p -> container.setStartupProbe(probe(p)));
        List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>();
        for (VolumeMount mount : definition.mounts()) {
            io.fabric8.kubernetes.api.model.VolumeMount rendered = new io.fabric8.kubernetes.api.model.VolumeMount();
            rendered.setName(mount.volume().name());
            rendered.setMountPath(mount.mountPath());
            rendered.setReadOnly(mount.readOnly() ? Boolean.TRUE : null);
            rendered.setSubPath(mount.subPath().orElse(null));
            mounts.add(rendered);
        }
        container.setVolumeMounts(mounts);
        return container;
    }

    private static EnvVar env(EnvVarDef var) {
        EnvVar env = new EnvVar();
        env.setName(var.name());
        if (var instanceof EnvVarDef.Literal literal) {
            env.setValue(literal.value());
            return env;
        }
        EnvVarSource source = new EnvVarSource();
        if (var instanceof EnvVarDef.FromConfigMap config) {
            ConfigMapKeySelector selector = new ConfigMapKeySelector();
            selector.setName(config.source().configMap().name());
            selector.setKey(config.source().key());
            source.setConfigMapKeyRef(selector);
        } else if (var instanceof EnvVarDef.FromSecret secret) {
            SecretKeySelector selector = new SecretKeySelector();
            selector.setName(secret.source().secret().name());
            selector.setKey(secret.source().key());
            source.setSecretKeyRef(selector);
        } else if (var instanceof EnvVarDef.FromPodField field) {
            source.setFieldRef(new ObjectFieldSelector("v1", field.field().path()));
        } else {
            EnvVarDef.FromResource resource = (EnvVarDef.FromResource) var;
            ResourceFieldSelector selector = new ResourceFieldSelector();
            selector.setResource(resource.field().resource());
            selector.setDivisor(new Quantity(resource.field().divisor()));
            source.setResourceFieldRef(selector);
        }
        env.setValueFrom(source);
        return env;
    }

    private static io.fabric8.kubernetes.api.model.EnvFromSource envFrom(EnvFromSource source) {
        io.fabric8.kubernetes.api.model.EnvFromSource rendered = new io.fabric8.kubernetes.api.model.EnvFromSource();
        rendered.setPrefix(source.prefix().isEmpty() ? null : source.prefix());
        if (source instanceof EnvFromSource.AllOfConfigMap config) {
            ConfigMapEnvSource reference = new ConfigMapEnvSource();
            reference.setName(config.configMap().name());
            rendered.setConfigMapRef(reference);
        } else {
            SecretEnvSource reference = new SecretEnvSource();
            reference.setName(((EnvFromSource.AllOfSecret) source).secret().name());
            rendered.setSecretRef(reference);
        }
        return rendered;
    }

    private static Lifecycle lifecycle(PreStop preStop) {
        LifecycleHandler handler = new LifecycleHandler();
        if (preStop instanceof PreStop.Sleep sleep) {
            handler.setSleep(new SleepAction(sleep.duration().getSeconds()));
        } else {
            handler.setExec(new ExecAction(new ArrayList<>(((PreStop.Exec) preStop).command())));
        }
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.setPreStop(handler);
        return lifecycle;
    }

    static Probe probe(ProbeDef definition) {
        Probe probe = new Probe();
        probe.setInitialDelaySeconds(definition.initialDelaySeconds());
        probe.setPeriodSeconds(definition.periodSeconds());
        probe.setTimeoutSeconds(definition.timeoutSeconds());
        probe.setSuccessThreshold(definition.successThreshold());
        probe.setFailureThreshold(definition.failureThreshold());
        ProbeAction action = definition.action();
        if (action instanceof ProbeAction.HttpGet http) {
            HTTPGetAction get = new HTTPGetAction();
            get.setPath(http.path());
            get.setPort(new IntOrString(http.target().name()));
            get.setScheme(http.scheme().name());
            probe.setHttpGet(get);
        } else if (action instanceof ProbeAction.TcpSocket tcp) {
            TCPSocketAction socket = new TCPSocketAction();
            socket.setPort(new IntOrString(tcp.target().name()));
            probe.setTcpSocket(socket);
        } else if (action instanceof ProbeAction.Grpc grpc) {
            // The API takes the port's number only: a gRPC probe's port cannot be named.
            GRPCAction call = new GRPCAction();
            call.setPort(grpc.target().number());
            call.setService(grpc.service().orElse(null));
            probe.setGrpc(call);
        } else {
            ExecAction exec = new ExecAction();
            exec.setCommand(new ArrayList<>(((ProbeAction.Exec) action).command()));
            probe.setExec(exec);
        }
        return probe;
    }

    private static ResourceRequirements resources(Resources resources) {
        if (resources.isEmpty()) {
            return null;
        }
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(ResourceMaps.requests(resources));
        requirements.setLimits(ResourceMaps.limits(resources));
        return requirements;
    }

    private static SecurityContext security(ContainerSecurity security) {
        SecurityContext context = new SecurityContext();
        context.setRunAsNonRoot(security.runAsNonRoot());
        context.setReadOnlyRootFilesystem(security.readOnlyRootFilesystem());
        // The API server refuses a privileged container that forbids escalation: privileges imply it.
        context.setAllowPrivilegeEscalation(security.allowPrivilegeEscalation() || security.privileged());
        context.setPrivileged(security.privileged() ? Boolean.TRUE : null);
        Capabilities capabilities = new Capabilities();
        capabilities.setDrop(security.drop().isEmpty() ? null : new ArrayList<>(security.drop().stream().map(Capability::name).toList()));
        capabilities.setAdd(security.add().isEmpty() ? null : security.add().stream().map(Capability::name).toList());
        context.setCapabilities(capabilities);
        return context;
    }
}
