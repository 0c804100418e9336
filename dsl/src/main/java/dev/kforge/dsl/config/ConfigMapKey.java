package dev.kforge.dsl.config;

/** One key of a ConfigMap, obtained from {@link ConfigMapDef#key(String)} so it is always declared. */
public record ConfigMapKey(ConfigMapDef configMap, String key) {
}
