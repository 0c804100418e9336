package dev.kforge.dsl.check;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressTls;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.VolumeMount;
import dev.kforge.dsl.workload.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every ConfigMap, Secret and PersistentVolumeClaim a workload or Ingress uses is part of the
 * stack, and every key it reads is declared by the stack's version of that object.
 */
final class ConfigReferencesCheck implements StackCheck {
    static final String ID = "config-reference";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            Reporter report = new Reporter(stack, index, problems, workload);
            for (ContainerDef container : workload.allContainers()) {
                for (EnvVarDef var : container.env()) {
                    if (var instanceof EnvVarDef.FromConfigMap c) {
                        report.configMapKey(c.source().configMap(), c.source().key(), "env " + var.name() + " of container " + container.name());
                    } else if (var instanceof EnvVarDef.FromSecret s) {
                        report.secretKey(s.source().secret(), s.source().key(), "env " + var.name() + " of container " + container.name());
                    }
                }
                for (VolumeMount mount : container.mounts()) {
                    fileMountKey(report, mount, container);
                }
                for (EnvFromSource source : container.envFrom()) {
                    if (source instanceof EnvFromSource.AllOfConfigMap c) {
                        report.configMapKey(c.configMap(), null, "envFrom of container " + container.name());
                    } else {
                        report.secretKey(((EnvFromSource.AllOfSecret) source).secret(), null, "envFrom of container " + container.name());
                    }
                }
            }
            for (VolumeDef volume : workload.volumes()) {
                String where = "volume " + volume.name();
                if (volume instanceof VolumeDef.FromConfigMap c) {
                    report.configMapFiles(c.configMap(), c.items(), where);
                } else if (volume instanceof VolumeDef.FromSecret s) {
                    report.secretFiles(s.secret(), s.items(), where);
                } else if (volume instanceof VolumeDef.PersistentClaim p) {
                    report.claim(p.claim(), where);
                } else if (volume instanceof VolumeDef.Projected projected) {
                    for (ProjectedSource source : projected.sources()) {
                        if (source instanceof ProjectedSource.OfConfigMap c) {
                            report.configMapFiles(c.configMap(), c.items(), where);
                        } else if (source instanceof ProjectedSource.OfSecret s) {
                            report.secretFiles(s.secret(), s.items(), where);
                        }
                    }
                }
            }
            workload.imagePullSecrets().forEach(secret -> report.secretKey(secret, null, "imagePullSecrets"));
        }
        for (IngressDef ingress : index.all(IngressDef.class)) {
            Reporter report = new Reporter(stack, index, problems, ingress);
            for (IngressTls tls : ingress.tls()) {
                report.secretKey(tls.secret(), null, "tls for " + String.join(", ", tls.hosts()));
            }
        }
    }

    /**
     * A file mount of a volume writing every key mounts the key of its subPath: the stack's version must declare it, or the kubelet
     * mounts an empty directory there. (A volume with items writes their keys, which the volume's own report covers.)
     */
    private static void fileMountKey(Reporter report, VolumeMount mount, ContainerDef container) {
        if (mount.subPath().isEmpty()) {
            return;
        }
        String where = "file mount at " + mount.mountPath() + " of container " + container.name();
        if (mount.volume() instanceof VolumeDef.FromConfigMap c && c.items().isEmpty()) {
            report.configMapKey(c.configMap(), mount.subPath().get(), where);
        } else if (mount.volume() instanceof VolumeDef.FromSecret s && s.items().isEmpty()) {
            report.secretKey(s.secret(), mount.subPath().get(), where);
        }
    }

    /** Reports the missing objects (once each) and keys of one referring object. */
    private static final class Reporter {
        private final Stack stack;
        private final StackIndex index;
        private final Problems problems;
        private final KubeObject<?> referrer;
        private final Set<String> missing = new HashSet<>();

        Reporter(Stack stack, StackIndex index, Problems problems, KubeObject<?> referrer) {
            this.stack = stack;
            this.index = index;
            this.problems = problems;
            this.referrer = referrer;
        }

        void configMapKey(ConfigMapDef referenced, String key, String where) {
            Optional<ConfigMapDef> actual = index.find(Kind.CONFIG_MAP, referenced.name(), ConfigMapDef.class);
            if (actual.isEmpty()) {
                missingObject(referenced, where);
            } else if (key != null && !actual.get().data().containsKey(key)) {
                missingKey(referenced, key, where, actual.get().data().keySet().toString());
            }
        }

        void secretKey(SecretDef referenced, String key, String where) {
            Optional<SecretDef> actual = index.find(Kind.SECRET, referenced.name(), SecretDef.class);
            if (actual.isEmpty()) {
                missingObject(referenced, where);
            } else if (key != null && !actual.get().keys().contains(key)) {
                missingKey(referenced, key, where, actual.get().keys().toString());
            }
        }

        /** A volume's (or projected source's) ConfigMap, and the keys of its items. */
        void configMapFiles(ConfigMapDef referenced, List<VolumeDef.KeyFile<ConfigMapKey>> items, String where) {
            configMapKey(referenced, null, where);
            items.forEach(item -> configMapKey(referenced, item.source().key(), where));
        }

        void secretFiles(SecretDef referenced, List<VolumeDef.KeyFile<SecretKey>> items, String where) {
            secretKey(referenced, null, where);
            items.forEach(item -> secretKey(referenced, item.source().key(), where));
        }

        void claim(PersistentVolumeClaimDef referenced, String where) {
            if (index.find(Kind.PERSISTENT_VOLUME_CLAIM, referenced.name(), PersistentVolumeClaimDef.class).isEmpty()) {
                missingObject(referenced, where);
            }
        }

        private void missingObject(KubeObject<?> referenced, String where) {
            if (!missing.add(referenced.describe())) {
                return;
            }
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), referrer,
                    where + " uses " + referenced.describe() + ", which is not in the stack", referenced.name(),
                    "Add it to the stack with Stack.with(...)."));
        }

        private void missingKey(KubeObject<?> referenced, String key, String where, String declared) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), referrer,
                    where + " reads key \"" + key + "\" that " + referenced.describe() + " does not declare", "declared: " + declared,
                    "Declare the key, or read one that exists."));
        }
    }
}
