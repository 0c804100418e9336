package dev.kforge.dsl.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A secret value. It never becomes a plain {@code String} by accident: {@link #toString()} is
 * redacted, there is no getter, and only this package reads it, to encode it into the Secret
 * manifest that {@code make secrets} writes outside git.
 */
public final class SecretValue {
    private final byte[] bytes;

    private SecretValue(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static SecretValue of(String value) {
        return new SecretValue(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value in base64, as a Secret's {@code data} holds it. */
    String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether the value is a Docker config file: a JSON object with an {@code auths} object, as the API server requires. */
    boolean isDockerConfig() {
        try {
            JsonNode config = new ObjectMapper().readTree(bytes);
            return config != null && config.path("auths").isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the value is empty or only white space: never a credential, usually a placeholder left unfilled. */
    boolean isBlank() {
        return new String(bytes, StandardCharsets.UTF_8).isBlank();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue value && MessageDigest.isEqual(bytes, value.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
