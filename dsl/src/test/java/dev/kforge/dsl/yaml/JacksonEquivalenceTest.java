package dev.kforge.dsl.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kforge.dsl.render.CustomResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The writer builds trees without Jackson's bean serializers ({@link ModelTree}) and text without
 * SnakeYAML ({@link YamlEmitter}), for speed. These tests hold both to what Jackson and
 * jackson-dataformat-yaml produce ({@link JacksonReference}), byte for byte, and every string to
 * reading back unchanged.
 */
class JacksonEquivalenceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Strings of every family the writer distinguishes: plain, quoted, escaped, literal blocks. */
    static List<String> strings() {
        List<String> strings = new ArrayList<>(List.of(
                "tgr", "eon01/tgr:1.1.0", "128Mi", "app.kubernetes.io/name", "/health", "tgr:5000", "http://x.example.com/a?b=1&c=2",
                "5000", "0.5", "1e3", "0x1F", "1_000", "12:30", ".inf", "-.inf", ".nan", "+1", "-1", "1.1.0", "0777", "2020-01-01",
                "2020-01-01T10:00:00Z", "true", "on", "Off", "y", "N", "null", "~", "=", "<<", "---", "...", "...x", ".", "-", "?", ":",
                "", " ", "  ", " leading", "trailing ", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "*star", "&anchor", "!tag", "%pct",
                "@at", "`tick", "{x}", "[x]", "a,b", "a, b", "|", ">", "'single'", "\"double\"", "back\\slash", "tab\there",
                "cr\rhere", "bell\u0007", "del\u007F", "esc\u001B", "nul\0", "nbsp\u00A0here", "é ü ß", "日本語", "emoji \uD83D\uDE00",
                "x".repeat(300), "word ".repeat(60).strip(),
                "a=1\nb=2\n", "echo one\necho two", "  indented\nnot\n", "\nleading break", "a\n\nb\n", "a\n  b\n    c",
                "trailing space \nx\n", "x\n  \ny\n", "tab\tin\nblock\n", "crlf\r\nline\r\n", "ends with space\nx ",
                "é\n日本\n", "quote \" and \\ in\nblock\n", "# not a comment\n- not a list\n", "key: value\nother: 1\n"));
        return strings;
    }

    /**
     * Strings the writer deliberately writes differently from SnakeYAML (still readable, still the
     * same string): several final line breaks are double-quoted instead of "keep" chomping, and so
     * are Unicode line breaks; a byte-order mark and a lone surrogate are escaped (SnakeYAML writes
     * the surrogate with the next character as one code point); long and multi-line keys are simple keys.
     */
    static List<String> deliberateDifferences() {
        return List.of("x".repeat(130), "x\n\n", "x\n\n\n", "\n", "\n\n", "a\u0085b\nc", "a\u2029b\nc", "line\u2028separator", "lone \uD800 surrogate", "bom\uFEFF", "bom\uFEFF\nx\n");
    }

    @Test
    void writes_every_kind_of_string_as_jackson_dataformat_yaml_does() {
        for (String value : strings()) {
            Map<String, Object> document = document(value);

            String yaml = YamlWriter.write(document);

            assertThat(yaml).as("%s", TextNode.valueOf(value)).isEqualTo(JacksonReference.write(document));
            assertThat(JacksonReference.read(yaml)).as("%s read back from%n%s", TextNode.valueOf(value), yaml)
                    .isEqualTo(MAPPER.valueToTree(document));
        }
    }

    @Test
    void writes_an_empty_key_as_a_simple_key_that_reads_back() {
        Map<String, Object> document = Map.of("", "empty key");

        assertThat(YamlWriter.write(document)).isEqualTo("\"\": empty key\n");
        assertThat(JacksonReference.read(YamlWriter.write(document))).isEqualTo(MAPPER.valueToTree(document));
    }

    @Test
    void writes_the_strings_it_treats_differently_so_that_they_read_back_unchanged() {
        for (String value : deliberateDifferences()) {
            Map<String, Object> document = document(value);
            document.put(value, "as key");

            String yaml = YamlWriter.write(document);

            assertThat(JacksonReference.read(yaml)).as("%s read back from%n%s", TextNode.valueOf(value), yaml)
                    .isEqualTo(MAPPER.valueToTree(document));
        }
    }

    @Test
    void writes_random_documents_as_jackson_dataformat_yaml_does() {
        Random random = new Random(20261122L);
        for (int i = 0; i < 400; i++) {
            Object document = randomMap(random, 0);

            assertThat(YamlWriter.write(document)).as("document %d: %s", i, document).isEqualTo(JacksonReference.write(document));
        }
    }

    @Test
    void builds_the_tree_and_bytes_jackson_builds_for_fabric8_objects() {
        List<Object> objects = new ArrayList<>();
        objects.add(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").addToAnnotations("note", "a\nb\n").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("25%"))
                .withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx:1.27").withArgs("--port", "8080", "")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewResources().addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("512", "Mi")).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10001L).endSecurityContext()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build());
        objects.add(new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().addToSelector("app", "web")
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec().build());
        ObjectMeta unnamed = new ObjectMeta();
        unnamed.setName("");
        unnamed.setNamespace("ns");
        unnamed.setAdditionalProperty("extra", Map.of("b", 1, "a", List.of()));
        objects.add(unnamed);
        GenericKubernetesResource mapping = new GenericKubernetesResource();
        mapping.setApiVersion("getambassador.io/v3alpha1");
        mapping.setKind("Mapping");
        mapping.setMetadata(new ObjectMeta());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("prefix", "/");
        spec.put("timeout_ms", 3000);
        spec.put("weight", 10L);
        spec.put("nothing", null);
        spec.put("empty", Map.of());
        spec.put("cors", Map.of("origins", List.of("*"), "credentials", true));
        spec.put("quantity", new Quantity("1", "Gi"));
        mapping.setAdditionalProperties(Map.of("spec", spec, "status", Map.of()));
        objects.add(mapping);
        CustomResource custom = new CustomResource();
        custom.setApiVersion("external-secrets.io/v1");
        custom.setKind("ExternalSecret");
        custom.setMetadata(unnamed);
        custom.setAdditionalProperties(Map.of("spec", spec));
        objects.add(custom);

        for (Object object : objects) {
            assertThat(YamlWriter.canonicalTree(object)).as(object.getClass().getSimpleName()).isEqualTo(JacksonReference.tree(object));
            assertThat(YamlWriter.write(object)).as(object.getClass().getSimpleName()).isEqualTo(JacksonReference.write(object));
        }
    }

    /** A bean, a record and an enum of the user's own: not in the generated shapes, so Jackson converts them. */
    enum Tier { GOLD }

    record Limits(int requests, Tier tier) {
    }

    @Test
    void hands_classes_it_has_no_shape_for_to_jackson_and_writes_what_jackson_writes() {
        Pod pod = new PodBuilder().withNewMetadata().withName("one-off").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36").endContainer().endSpec().build();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limits", new Limits(10, Tier.GOLD));
        body.put("tier", Tier.GOLD);
        body.put("ratio", 0.25);
        body.put("pod", pod);
        CustomResource custom = new CustomResource();
        custom.setApiVersion("example.com/v1");
        custom.setKind("Quota");
        custom.setAdditionalProperties(Map.of("spec", body));

        assertThat(ModelShapes.fieldsOf(pod, new TreeFields())).as("Pod is not a kind the renderers produce").isFalse();
        for (Object object : List.of(pod, custom)) {
            assertThat(YamlWriter.canonicalTree(object)).as(object.getClass().getSimpleName()).isEqualTo(JacksonReference.tree(object));
            assertThat(YamlWriter.write(object)).as(object.getClass().getSimpleName()).isEqualTo(JacksonReference.write(object));
        }
        assertThat(YamlWriter.write(custom)).contains("tier: GOLD", "requests: 10", "ratio: 0.25", "image: busybox:1.36");
    }

    private static Map<String, Object> document(String value) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("value", value);
        document.put("list", List.of(value, Map.of("nested", value), List.of(value)));
        if (isSimpleKey(value)) {
            document.put(value, "as key");
        }
        return document;
    }

    /**
     * SnakeYAML writes an empty key, a key of 128 characters or more and a multi-line key in the
     * explicit "? key" form; the writer writes them as simple keys (valid YAML, read back the same).
     */
    private static boolean isSimpleKey(String key) {
        return !key.isEmpty() && key.length() < 128 && key.indexOf('\n') < 0;
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(depth == 0 ? 6 : 4);
        List<String> keys = Stream.concat(Stream.of("apiVersion", "kind", "metadata", "name", "namespace", "spec", "emptyDir", "items"),
                strings().stream().filter(JacksonEquivalenceTest::isSimpleKey)).toList();
        for (int i = 0; i < size; i++) {
            map.put(keys.get(random.nextInt(keys.size())), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int choice = random.nextInt(depth > 3 ? 5 : 8);
        switch (choice) {
            case 0:
                return strings().get(random.nextInt(strings().size()));
            case 1:
                return random.nextInt(100_000) - 50_000;
            case 2:
                return random.nextBoolean();
            case 3:
                return random.nextLong();
            case 4:
                return null;
            case 5:
            case 6:
                return randomMap(random, depth);
            default:
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
        }
    }
}
