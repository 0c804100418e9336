package dev.kforge.dsl.render;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rendered custom resource (an Emissary Mapping, an ExternalSecret...): apiVersion, kind,
 * metadata, and the top-level fields its definition describes, such as {@code spec}.
 *
 * <p>fabric8's {@code GenericKubernetesResource} would do, but loading that class builds a Jackson
 * {@code ObjectMapper}: a tenth of a small render's time, for nothing the renderer uses.
 */
public final class CustomResource implements HasMetadata {
    private static final long serialVersionUID = 1L;

    @JsonProperty("apiVersion")
    private String apiVersion;
    @JsonProperty("kind")
    private String kind;
    @JsonProperty("metadata")
    private ObjectMeta metadata;
    @JsonIgnore
    private Map<String, Object> additionalProperties = new LinkedHashMap<>();

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    /** The fields besides apiVersion, kind and metadata, e.g. {@code spec}. */
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }

    public void setAdditionalProperties(Map<String, Object> additionalProperties) {
        this.additionalProperties = new LinkedHashMap<>(additionalProperties);
    }

    @Override
    public String toString() {
        return kind + " " + (metadata == null ? "" : metadata.getName());
    }
}
