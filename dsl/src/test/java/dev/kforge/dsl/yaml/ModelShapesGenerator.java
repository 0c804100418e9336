package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.kforge.dsl.render.CustomResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes {@code ModelShapes.java}: for every model class the renderer can produce (the classes
 * reachable from the kinds below), the properties Jackson serializes, as plain getter calls. Jackson
 * decides the shape here, at build time, so a render needs neither its bean serializers nor
 * reflection. {@code make generate} runs it; {@link ModelShapesTest} fails when the committed
 * file is not what it writes (after a fabric8 upgrade, say).
 */
public final class ModelShapesGenerator {
    /** Every kind a renderer returns. */
    static final List<Class<? extends HasMetadata>> ROOTS = List.of(Namespace.class, ResourceQuota.class, LimitRange.class,
            ServiceAccount.class, Role.class, ClusterRole.class, RoleBinding.class, ClusterRoleBinding.class, ConfigMap.class, Secret.class,
            PersistentVolumeClaim.class, Service.class, NetworkPolicy.class, Deployment.class, StatefulSet.class, DaemonSet.class,
            CronJob.class, Job.class, PodDisruptionBudget.class, HorizontalPodAutoscaler.class, Ingress.class, CustomResource.class);
    static final Path SOURCE = Path.of("dsl/src/main/java/dev/kforge/dsl/yaml/ModelShapes.java");

    private ModelShapesGenerator() {
    }

    /** {@code ModelShapesGenerator [FILE]}: writes the source, by default to {@link #SOURCE} (run from the repository root). */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : SOURCE;
        Files.writeString(target, generate(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + target);
    }

    static String generate() {
        ObjectMapper mapper = new ObjectMapper();
        SerializationConfig config = mapper.getSerializationConfig();
        SortedMap<String, String> cases = new TreeMap<>();
        SortedMap<String, String> methods = new TreeMap<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<JavaType> pending = new ArrayDeque<>();
        ROOTS.forEach(root -> pending.add(mapper.constructType(root)));
        while (!pending.isEmpty()) {
            JavaType type = pending.pop();
            if (type.isContainerType()) {
                pending.push(type.getContentType());
                if (type.getKeyType() != null) {
                    pending.push(type.getKeyType());
                }
                continue;
            }
            Class<?> raw = type.getRawClass();
            if (!isModelClass(raw) || !seen.add(raw)) {
                continue;
            }
            BeanDescription description = config.introspect(type);
            List<BeanPropertyDefinition> properties = description.findProperties().stream()
                    .filter(BeanPropertyDefinition::couldSerialize)
                    .toList();
            properties.forEach(property -> pending.push(property.getPrimaryType()));
            if (hasOwnSerializer(raw) || raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.isEnum()) {
                continue; // converted by ModelTree itself (Quantity, IntOrString) or by Jackson
            }
            cases.put(raw.getName(), raw.getName().replace('$', '.'));
            methods.put(raw.getName(), methodOf(raw, description, properties));
        }
        // Each class gets a number, in name order; the dispatch switches on it.
        StringBuilder numbers = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        int number = 0;
        for (Map.Entry<String, String> type : cases.entrySet()) {
            numbers.append("                case \"").append(type.getKey()).append("\":\n                    return ").append(number)
                    .append(";\n");
            calls.append("            case ").append(number).append(":\n                fieldsOf((").append(type.getValue())
                    .append(") value, fields);\n                return true;\n");
            number++;
        }
        StringBuilder source = new StringBuilder();
        source.append("""
                package dev.kforge.dsl.yaml;

                // GENERATED by ModelShapesGenerator (dsl/src/test): do not edit. Regenerate with `make generate`.

                /**
                 * The JSON properties of each model class the renderer produces, as Jackson serializes them,
                 * read through plain getters: no bean serializers, no reflection at render time.
                 */
                final class ModelShapes {
                    /**
                     * Each listed class's number, looked up by name once per class: a class literal for each
                     * would load every model class when this one loads.
                     */
                    private static final ClassValue<Integer> NUMBERS = new ClassValue<>() {
                        @Override
                        protected Integer computeValue(Class<?> type) {
                            switch (type.getName()) {
                """);
        source.append(numbers);
        source.append("""
                                default:
                                    return -1;
                            }
                        }
                    };

                    private ModelShapes() {
                    }

                    /** Puts the properties of {@code value} into {@code fields}; false when its class is not listed here. */
                    static boolean fieldsOf(Object value, ModelFields fields) {
                        switch (NUMBERS.get(value.getClass())) {
                """);
        source.append(calls);
        source.append("""
                            default:
                                return false;
                        }
                    }
                """);
        // One method per class: a single method this size would be too large for the JIT to compile.
        methods.values().forEach(source::append);
        source.append("}\n");
        return source.toString();
    }

    private static boolean isModelClass(Class<?> type) {
        return type.getName().startsWith("io.fabric8.kubernetes.") || type == CustomResource.class;
    }

    private static boolean hasOwnSerializer(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            JsonSerialize serialize = current.getAnnotation(JsonSerialize.class);
            if (serialize != null && serialize.using() != com.fasterxml.jackson.databind.JsonSerializer.None.class) {
                return true;
            }
        }
        return false;
    }

    private static String methodOf(Class<?> type, BeanDescription description, List<BeanPropertyDefinition> properties) {
        String name = type.getName();
        StringBuilder code = new StringBuilder();
        code.append("\n    private static void fieldsOf(").append(name.replace('$', '.')).append(" o, ModelFields fields) {\n");
        JsonInclude.Value classInclusion = description.findPropertyInclusion(JsonInclude.Value.empty());
        // In the writer's key order, so that ModelFields appends them without sorting.
        Map<String, BeanPropertyDefinition> sorted = new TreeMap<>(CanonicalTree.KEY_ORDER);
        properties.forEach(property -> sorted.put(property.getName(), property));
        for (BeanPropertyDefinition property : sorted.values()) {
            AnnotatedMember accessor = property.getAccessor();
            if (!(accessor instanceof AnnotatedMethod getter)) {
                throw new IllegalStateException(name + "." + property.getName() + " is serialized from " + accessor
                        + ", not a getter: teach ModelShapesGenerator about it");
            }
            if (!PlainScalars.isPlainSafe(property.getName())) {
                throw new IllegalStateException(name + "." + property.getName() + " is not a plain YAML key, which ModelEmitter"
                        + " writes declared properties as: teach ModelShapesGenerator about it");
            }
            JsonInclude.Value inclusion = classInclusion.withOverrides(property.findInclusion());
            boolean omitEmpty = inclusion.getValueInclusion() == JsonInclude.Include.NON_EMPTY;
            code.append("        fields.").append(omitEmpty ? "putUnlessEmpty" : "put").append("(\"").append(property.getName())
                    .append("\", o.").append(getter.getName()).append("());\n");
        }
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null) {
            code.append("        fields.putAll(o.").append(anyGetter.getName()).append("());\n");
        }
        code.append("    }\n");
        return code.toString();
    }
}
