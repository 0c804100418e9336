package dev.kforge.dsl.config;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.Spelling;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A ConfigMap: property-like keys ({@code PORT=5000}) and file-like keys
 * ({@code application.properties} holding a whole file). Containers reference its keys through
 * {@link #key(String)}, which refuses a key the map does not declare.
 *
 * @param data     the entries, sorted by key
 * @param rawEdits escape-hatch edits of the rendered object (default none)
 */
public record ConfigMapDef(Meta meta, SortedMap<String, String> data, List<RawEdit<ConfigMap>> rawEdits)
        implements KubeObject<ConfigMapDef> {

    /** The API server's limit on the size of a ConfigMap's data. */
    public static final int MAX_BYTES = 1024 * 1024;

    public ConfigMapDef {
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        rawEdits = List.copyOf(rawEdits);
    }

    public static ConfigMapDef named(String name) {
        return new ConfigMapDef(Meta.named(Kind.CONFIG_MAP, name), new TreeMap<>(), List.of());
    }

    @Override
    public Kind kind() {
        return Kind.CONFIG_MAP;
    }

    @Override
    public ConfigMapDef withMeta(Meta meta) {
        return new ConfigMapDef(Given.value(describe(), "meta", meta), data, rawEdits);
    }

    /** A copy with a property-like entry, e.g. {@code withProperty("PORT", "5000")}. */
    public ConfigMapDef withProperty(String key, String value) {
        return withEntry(key, value);
    }

    /** A copy with a file-like entry: the key is a file name, the value the whole file. */
    public ConfigMapDef withFile(String fileName, String content) {
        return withEntry(fileName, content);
    }

    private ConfigMapDef withEntry(String key, String value) {
        Names.requireConfigKey(describe(), key);
        if (data.containsKey(key)) {
            throw InvalidDefinitionException.invalid(describe(), "key", key, "is declared twice",
                    "Keep one entry per key.");
        }
        if (value == null) {
            throw new InvalidDefinitionException(describe() + ": key \"" + key + "\" has no value. Give it a string (it may be empty).");
        }
        requireText(key, value);
        TreeMap<String, String> copy = new TreeMap<>(data);
        copy.put(key, value);
        long size = 0;
        for (Map.Entry<String, String> entry : copy.entrySet()) {
            size += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        if (size > MAX_BYTES) {
            throw InvalidDefinitionException.invalid(describe(), "data size", size + " bytes", "must be at most 1 MiB",
                    "Split it into several ConfigMaps or mount large files from elsewhere.");
        }
        return new ConfigMapDef(meta, copy, rawEdits);
    }

    /** Refuses the control characters (C0 but tab, line feed and carriage return; C1) that bytes read as characters leave. */
    private void requireText(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x80 && c <= 0x9f) {
                throw InvalidDefinitionException.invalid(describe(), "key", key, String.format("holds control character U+%04X at index %d", (int) c, i)
                                + ", as binary data read into a String does: ConfigMap data is UTF-8 text, so the kubelet would write other bytes than the file's",
                        "Keep binary files in the image or a volume; text may hold tab, line feed and carriage return.");
            }
        }
    }

    /** The UTF-8 size of {@code text}, without encoding it (every entry is counted again on each copy). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                // Other BMP characters take 3 bytes; a lone surrogate is encoded as '?'.
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }

    /** A reference to one declared key, for env vars and volume items. */
    public ConfigMapKey key(String key) {
        if (!data.containsKey(Given.value(describe(), "key", key))) {
            throw InvalidDefinitionException.invalid(describe(), "key", key, "is not declared",
                    Spelling.closest(key, data.keySet()).map(meant -> "Did you mean \"" + meant + "\"? ").orElse("")
                            + "Declared keys: " + data.keySet() + ". Add it with withProperty or withFile.");
        }
        return new ConfigMapKey(this, key);
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 ConfigMap. */
    public ConfigMapDef withRawEdit(String reason, Consumer<ConfigMap> edit) {
        return new ConfigMapDef(meta, data, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
