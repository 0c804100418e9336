package dev.kforge.dsl.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kforge.dsl.render.CustomResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link YamlWriter#write} streams model objects to text ({@link ModelEmitter}); the canonical
 * tree ({@link ModelTree}) written by {@link YamlEmitter} is the reference it must match byte for
 * byte, whatever is null, empty, out of order or unknown to the generated shapes.
 */
class ModelEmitterTest {
    private static final List<String> STRINGS = JacksonEquivalenceTest.strings();
    private static final List<String> KEYS = List.of("apiVersion", "kind", "metadata", "name", "namespace", "spec", "emptyDir",
            "podSelector", "items", "labels", "a", "z", "5000", "on", "a: b", "");

    private static String throughTree(Object model) {
        return YamlEmitter.document(ModelTree.of(model));
    }

    @Test
    void writes_random_model_graphs_as_their_canonical_tree() {
        Random random = new Random(20261122L);
        for (int i = 0; i < 3000; i++) {
            Object model = randomValue(random, 0);

            assertThat(YamlWriter.write(model)).as("graph %d: %s", i, model).isEqualTo(throughTree(model));
        }
    }

    @Test
    void takes_back_a_field_whose_value_writes_nothing() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("allNull", mapOf("a", null, "b", List.of()));
        model.put("nullItems", Arrays.asList(null, null));
        model.put("emptyBean", new ObjectMeta());
        model.put("emptyDir", new EmptyDirVolumeSource());
        model.put("podSelector", mapOf("x", null));
        model.put("kept", List.of(Map.of(), List.of(), new ObjectMeta()));

        String yaml = YamlWriter.write(model);

        assertThat(yaml).isEqualTo(throughTree(model)).isEqualTo("""
                emptyDir: {}
                kept:
                - {}
                - []
                - {}
                podSelector: {}
                """);
        assertThat(YamlWriter.write(List.of(new Container(), mapOf("a", null)))).isEqualTo("- {}\n- {}\n");
        assertThat(YamlWriter.write(Arrays.asList(null, null))).isEqualTo("[]\n");
    }

    @Test
    void writes_additional_properties_that_sort_among_the_declared_ones_through_the_tree() {
        ObjectMeta meta = new ObjectMeta();
        meta.setName("web");
        meta.setNamespace("shop");
        meta.setLabels(new TreeMap<>(Map.of("app", "web")));
        // "apiVersion" sorts before every declared key, "labels" replaces the declared labels, "zz" comes last.
        meta.setAdditionalProperty("zz", 1);
        meta.setAdditionalProperty("labels", Map.of("tier", "front"));
        meta.setAdditionalProperty("apiVersion", "v9");
        CustomResource custom = new CustomResource();
        custom.setApiVersion("example.com/v1");
        custom.setKind("Widget");
        custom.setMetadata(meta);
        custom.setAdditionalProperties(new LinkedHashMap<>(mapOf("status", Map.of(), "spec", Map.of("size", 3), "kind", null)));

        String yaml = YamlWriter.write(custom);

        assertThat(yaml).isEqualTo(throughTree(custom)).isEqualTo("""
                apiVersion: example.com/v1
                metadata:
                  apiVersion: v9
                  name: web
                  namespace: shop
                  labels:
                    tier: front
                  zz: 1
                spec:
                  size: 3
                """);
    }

    @Test
    void writes_values_without_a_generated_shape_as_jackson_does() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ratio", 0.25);
        model.put("tier", JacksonEquivalenceTest.Tier.GOLD);
        model.put("limits", new JacksonEquivalenceTest.Limits(10, JacksonEquivalenceTest.Tier.GOLD));
        model.put("tree", JsonNodeFactory.instance.objectNode().put("b", 1).putNull("a"));
        model.put("nullTree", NullNode.instance);
        model.put("port", new IntOrString("http"));
        model.put("memory", new Quantity("512", "Mi"));
        model.put("array", new Object[] {"x", null, 2});

        assertThat(YamlWriter.write(model)).isEqualTo(throughTree(model)).isEqualTo("""
                array:
                - x
                - 2
                limits:
                  requests: 10
                  tier: GOLD
                memory: 512Mi
                port: http
                ratio: 0.25
                tier: GOLD
                tree:
                  b: 1
                """);
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 8 : 16)) {
            case 0:
            case 1:
                return STRINGS.get(random.nextInt(STRINGS.size()));
            case 2:
                return random.nextInt(1000) - 500;
            case 3:
                return random.nextBoolean();
            case 4:
                return null;
            case 5:
                return new Quantity(Integer.toString(random.nextInt(512)), random.nextBoolean() ? "Mi" : null);
            case 6:
                return random.nextBoolean() ? new IntOrString(random.nextInt(9000)) : new IntOrString(STRINGS.get(random.nextInt(STRINGS.size())));
            case 7:
                return random.nextBoolean() ? TextNode.valueOf("tree text") : NullNode.instance;
            case 8:
            case 9:
                return randomMap(random, depth + 1);
            case 10:
            case 11: {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
            case 12:
                return randomMeta(random, depth);
            case 13: {
                Volume volume = new Volume();
                volume.setName(random.nextBoolean() ? "tmp" : null);
                volume.setEmptyDir(random.nextBoolean() ? new EmptyDirVolumeSource() : null);
                return volume;
            }
            case 14: {
                CustomResource custom = new CustomResource();
                custom.setKind(random.nextBoolean() ? "Mapping" : null);
                custom.setMetadata(random.nextBoolean() ? randomMeta(random, depth) : null);
                Map<String, Object> additional = randomMap(random, depth + 1);
                additional.forEach(custom::setAdditionalProperty);
                return custom;
            }
            default: {
                ObjectNode tree = JsonNodeFactory.instance.objectNode();
                tree.put(KEYS.get(random.nextInt(KEYS.size())), random.nextInt(10));
                tree.putObject("emptyDir");
                return tree;
            }
        }
    }

    private static ObjectMeta randomMeta(Random random, int depth) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(random.nextBoolean() ? STRINGS.get(random.nextInt(STRINGS.size())) : null);
        meta.setNamespace(random.nextBoolean() ? "" : null);
        meta.setLabels(random.nextBoolean() ? new TreeMap<>(Map.of("app", "web")) : Map.of());
        if (random.nextInt(4) == 0) {
            meta.setAdditionalProperty(KEYS.get(random.nextInt(KEYS.size())), randomValue(random, depth + 2));
        }
        return meta;
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            map.put(KEYS.get(random.nextInt(KEYS.size())), randomValue(random, depth + 1));
        }
        return random.nextBoolean() ? map : new TreeMap<>(map);
    }
}
