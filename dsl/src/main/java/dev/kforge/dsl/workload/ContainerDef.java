package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.PolicyCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of a pod. Start with {@code ContainerDef.named("tgr").image(image)}; everything
 * else is optional with a safe default.
 *
 * @param pullPolicy     default {@link PullPolicy#IF_NOT_PRESENT}
 * @param command        the entrypoint; default the image's
 * @param args           the arguments; default the image's
 * @param ports          the declared ports; Services and probes may only use these
 * @param env            env vars, in order (later ones may refer to earlier ones)
 * @param envFrom        whole ConfigMaps or Secrets as env vars
 * @param resources      default none; the policy checks want requests and a memory limit
 * @param readinessProbe default none
 * @param livenessProbe  default none
 * @param startupProbe   default none
 * @param mounts         volumes mounted into this container; the pod gets exactly these volumes
 * @param security       default {@link ContainerSecurity#RESTRICTED}
 * @param preStop        what it does before SIGTERM when its pod is deleted; default nothing
 * @param waivers        the policy rules this container waives, each with its reason ({@link #waive}); default none
 */
public record ContainerDef(String name, Image image, PullPolicy pullPolicy, List<String> command, List<String> args,
                           List<Port> ports, List<EnvVarDef> env, List<EnvFromSource> envFrom, Resources resources,
                           Optional<ProbeDef> readinessProbe, Optional<ProbeDef> livenessProbe, Optional<ProbeDef> startupProbe,
                           List<VolumeMount> mounts, ContainerSecurity security, Optional<PreStop> preStop,
                           Map<PolicyCheck, String> waivers) {

    public ContainerDef {
        Names.require(Names.Rule.DNS1123_LABEL, "Container", "name", name);
        String subject = "Container " + name;
        Given.value(subject, "image", image);
        Given.value(subject, "pullPolicy", pullPolicy);
        Given.value(subject, "resources", resources);
        Given.value(subject, "security", security);
        Given.value(subject, "readinessProbe", readinessProbe);
        Given.value(subject, "livenessProbe", livenessProbe);
        Given.value(subject, "startupProbe", startupProbe);
        Given.value(subject, "preStop", preStop);
        command = Given.all(subject, "command", command);
        args = Given.all(subject, "args", args);
        ExecForm.requireProgram(subject, "command", "withCommand", command);
        ports = Given.all(subject, "ports", ports);
        env = Given.all(subject, "env", env);
        envFrom = Given.all(subject, "envFrom", envFrom);
        mounts = Given.all(subject, "mounts", mounts);
        Given.value(subject, "waivers", waivers);
        if (waivers.isEmpty()) {
            waivers = Map.of(); // every copy passes here, and nearly every container waives nothing
        } else {
            EnumMap<PolicyCheck, String> waived = new EnumMap<>(PolicyCheck.class);
            waived.putAll(waivers);
            waivers = Collections.unmodifiableMap(waived);
        }
        // Here rather than in the withers, so that a container given whole to this constructor is held to them too.
        requireUniquePorts(subject, ports);
        requireUniqueEnv(subject, env);
        requireUniqueMountPaths(subject, mounts);
    }

    // The three checks below run on every copy a wither makes: plain index loops, which allocate nothing (a container has a
    // handful of ports, variables and mounts).

    /** Each port name once, each number once per protocol. */
    private static void requireUniquePorts(String subject, List<Port> ports) {
        for (int i = 1; i < ports.size(); i++) {
            Port port = ports.get(i);
            for (int j = 0; j < i; j++) {
                Port existing = ports.get(j);
                if (existing.name().equals(port.name())) {
                    throw InvalidDefinitionException.invalid(subject, "port name", port.name(), "is declared twice", "Give each port its own name.");
                }
                if (existing.number() == port.number() && existing.protocol() == port.protocol()) {
                    throw InvalidDefinitionException.invalid(subject, "port number", port.number(),
                            "is already declared as " + existing.name(), "Reuse the Port object " + existing.name() + ".");
                }
            }
        }
    }

    /** Each env var name once: the API server would keep the last silently. */
    private static void requireUniqueEnv(String subject, List<EnvVarDef> env) {
        for (int i = 1; i < env.size(); i++) {
            String name = env.get(i).name();
            for (int j = 0; j < i; j++) {
                if (env.get(j).name().equals(name)) {
                    throw InvalidDefinitionException.invalid(subject, "env var", name, "is set twice",
                            "Keep one definition; the API server would silently keep the last.");
                }
            }
        }
    }

    /** Each mount path once. */
    private static void requireUniqueMountPaths(String subject, List<VolumeMount> mounts) {
        for (int i = 1; i < mounts.size(); i++) {
            VolumeMount mount = mounts.get(i);
            for (int j = 0; j < i; j++) {
                VolumeMount existing = mounts.get(j);
                if (existing.mountPath().equals(mount.mountPath())) {
                    throw InvalidDefinitionException.invalid(subject, "mountPath", mount.mountPath(),
                            "is already used by volume " + existing.volume().name(), "Mount each volume at its own path.");
                }
            }
        }
    }

    /** The first step: a container needs a name and an image. */
    public static ImageStep named(String name) {
        Names.require(Names.Rule.DNS1123_LABEL, "Container", "name", name);
        return new ImageStep(name);
    }

    /** The step that takes the required image. */
    public record ImageStep(String name) {
        public ContainerDef image(Image image) {
            return new ContainerDef(name, image, PullPolicy.IF_NOT_PRESENT, List.of(), List.of(), List.of(), List.of(),
                    List.of(), Resources.NONE, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    ContainerSecurity.RESTRICTED, Optional.empty(), Map.of());
        }
    }

    private String subject() {
        return "Container " + name;
    }

    /** A copy that declares {@code port}; names and numbers must be unique in the container. */
    public ContainerDef withPort(Port port) {
        Given.value(subject(), "port", port);
        return copy(b -> b.ports = Lists.append(ports, port));
    }

    /** A copy with more env vars; each name may appear once. */
    public ContainerDef withEnv(EnvVarDef... vars) {
        List<EnvVarDef> all = new ArrayList<>(env);
        all.addAll(Given.all(subject(), "env", vars == null ? null : Arrays.asList(vars)));
        return copy(b -> b.env = all);
    }

    public ContainerDef withEnvFrom(EnvFromSource source) {
        Given.value(subject(), "envFrom", source);
        return copy(b -> b.envFrom = Lists.append(envFrom, source));
    }

    public ContainerDef withPullPolicy(PullPolicy policy) {
        return copy(b -> b.pullPolicy = policy);
    }

    /**
     * A copy named {@code name}, with everything else of this one, waivers included ({@link #withoutWaiver} drops one): the
     * app's container as a migration Job's ({@code app.withName("migrate").withCommand(...)}), without writing its image, env
     * and mounts again.
     */
    public ContainerDef withName(String name) {
        return new ContainerDef(name, image, pullPolicy, command, args, ports, env, envFrom, resources, readinessProbe, livenessProbe,
                startupProbe, mounts, security, preStop, waivers);
    }

    /** A copy without readiness, liveness and startup probes: a service's container reused for a Job's run, which serves nothing. */
    public ContainerDef withoutProbes() {
        return copy(b -> {
            b.readinessProbe = Optional.empty();
            b.livenessProbe = Optional.empty();
            b.startupProbe = Optional.empty();
        });
    }

    /** A copy running another image, e.g. a newer tag in one environment. */
    public ContainerDef withImage(Image image) {
        return copy(b -> b.image = image);
    }

    public ContainerDef withCommand(String... command) {
        return copy(b -> b.command = command == null ? null : Arrays.asList(command));
    }

    public ContainerDef withArgs(String... args) {
        return copy(b -> b.args = args == null ? null : Arrays.asList(args));
    }

    public ContainerDef withResources(Resources resources) {
        return copy(b -> b.resources = resources);
    }

    public ContainerDef withReadinessProbe(ProbeDef probe) {
        return copy(b -> b.readinessProbe = Optional.of(Given.optional(subject(), "readinessProbe", probe)));
    }

    /** A liveness probe; its successThreshold must be 1. */
    public ContainerDef withLivenessProbe(ProbeDef probe) {
        requireSingleSuccess("livenessProbe", Given.value(subject(), "livenessProbe", probe));
        return copy(b -> b.livenessProbe = Optional.of(probe));
    }

    /** A startup probe; its successThreshold must be 1. */
    public ContainerDef withStartupProbe(ProbeDef probe) {
        requireSingleSuccess("startupProbe", Given.value(subject(), "startupProbe", probe));
        return copy(b -> b.startupProbe = Optional.of(probe));
    }

    /** A copy mounting {@code volume} read-write at {@code path}. */
    public ContainerDef withMount(VolumeDef volume, String path) {
        return withMount(new VolumeMount(Given.value(subject(), "mount at " + path + ": volume", volume), path, false));
    }

    /** A copy mounting {@code volume} read-only at {@code path}. */
    public ContainerDef withReadOnlyMount(VolumeDef volume, String path) {
        return withMount(new VolumeMount(Given.value(subject(), "mount at " + path + ": volume", volume), path, true));
    }

    /**
     * A copy mounting the file of {@code key} alone at {@code path}, read-only, e.g. {@code withFileMount(conf, config.key("app.ini"),
     * "/etc/gitea/app.ini")}: a {@code subPath} mount, so the image's other files in that directory stay. The key must be one
     * the volume writes (its ConfigMap's, and one of its items where it has items). Unlike a whole-volume mount, such a file is
     * not updated when the ConfigMap changes; the pod template's checksum annotation rolls the pods instead.
     */
    public ContainerDef withFileMount(VolumeDef.FromConfigMap volume, ConfigMapKey key, String path) {
        return withMount(FileMounts.of(subject(), volume, key, path));
    }

    /** A copy mounting the file of {@code key} alone at {@code path}, read-only: as for a ConfigMap's key. */
    public ContainerDef withFileMount(VolumeDef.FromSecret volume, SecretKey key, String path) {
        return withMount(FileMounts.of(subject(), volume, key, path));
    }

    private ContainerDef withMount(VolumeMount mount) {
        return copy(b -> b.mounts = Lists.append(mounts, mount));
    }

    public ContainerDef withSecurity(ContainerSecurity security) {
        return copy(b -> b.security = security);
    }

    /** A copy that does {@code preStop} before it gets SIGTERM, e.g. {@code PreStop.sleep(Duration.ofSeconds(5))} behind a Service. */
    public ContainerDef withPreStop(PreStop preStop) {
        if (preStop == null) {
            throw InvalidDefinitionException.invalid(subject(), "preStop", null, "must be an action", "Use PreStop.sleep(...) or PreStop.exec(...).");
        }
        return copy(b -> b.preStop = Optional.of(preStop));
    }

    /**
     * A copy for which {@code check} is not enforced, on this container only: the workload's other containers are still held
     * to it ({@code workload.waive(check, reason)} waives it for all of them). Only the rules judged on each container apply
     * ({@link PolicyCheck#judgedPerContainer()}: image-tag, resources, probes, probe-protocol); the reason is written to the workload's
     * {@code kforge.dev/waivers} annotation as {@code probes (container <name>): <reason>}.
     */
    public ContainerDef waive(PolicyCheck check, String reason) {
        Given.value(subject(), "waiver", check);
        if (!check.judgedPerContainer()) {
            throw InvalidDefinitionException.invalid(subject(), "waiver", check.id(), "is of a rule judged on the whole pod, not on each container",
                    "Waive it on the workload: .waive(PolicyCheck." + check.name() + ", \"<why>\").");
        }
        Map<PolicyCheck, String> more = Meta.withWaiver(waivers, subject(), check, reason);
        return copy(b -> b.waivers = more);
    }

    /**
     * A copy that no longer waives {@code check}: a container copied with {@link #withName} keeps the waivers of the one it
     * copies, and one the copy does not need (a Job's container without probes waives no probe rule) is an unused waiver.
     */
    public ContainerDef withoutWaiver(PolicyCheck check) {
        Given.value(subject(), "waiver", check);
        if (!waivers.containsKey(check)) {
            throw InvalidDefinitionException.invalid(subject(), "waiver", check.id(), "is not waived by this container (it waives "
                    + (waivers.isEmpty() ? "nothing" : String.join(", ", waivers.keySet().stream().map(PolicyCheck::id).sorted().toList())) + ")",
                    "Remove the withoutWaiver call.");
        }
        Map<PolicyCheck, String> fewer = new EnumMap<>(waivers);
        fewer.remove(check);
        return copy(b -> b.waivers = fewer);
    }

    /** Whether this container declares {@code port} (same name, number and protocol). */
    public boolean declares(Port port) {
        return ports.contains(port);
    }

    private void requireSingleSuccess(String field, ProbeDef probe) {
        if (probe.successThreshold() != 1) {
            throw InvalidDefinitionException.invalid(subject(), field + " successThreshold", probe.successThreshold(),
                    "must be 1 for liveness and startup probes", "Remove withSuccessThreshold.");
        }
    }


    /** Mutable scratch copy of the fields, so each wither names only what it changes. */
    private static final class Fields {
        Image image;
        PullPolicy pullPolicy;
        List<String> command;
        List<String> args;
        List<Port> ports;
        List<EnvVarDef> env;
        List<EnvFromSource> envFrom;
        Resources resources;
        Optional<ProbeDef> readinessProbe;
        Optional<ProbeDef> livenessProbe;
        Optional<ProbeDef> startupProbe;
        List<VolumeMount> mounts;
        ContainerSecurity security;
        Optional<PreStop> preStop;
        Map<PolicyCheck, String> waivers;
    }

    private ContainerDef copy(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields();
        f.image = image;
        f.pullPolicy = pullPolicy;
        f.command = command;
        f.args = args;
        f.ports = ports;
        f.env = env;
        f.envFrom = envFrom;
        f.resources = resources;
        f.readinessProbe = readinessProbe;
        f.livenessProbe = livenessProbe;
        f.startupProbe = startupProbe;
        f.mounts = mounts;
        f.security = security;
        f.preStop = preStop;
        f.waivers = waivers;
        change.accept(f);
        return new ContainerDef(name, f.image, f.pullPolicy, f.command, f.args, f.ports, f.env, f.envFrom, f.resources,
                f.readinessProbe, f.livenessProbe, f.startupProbe, f.mounts, f.security, f.preStop, f.waivers);
    }
}
