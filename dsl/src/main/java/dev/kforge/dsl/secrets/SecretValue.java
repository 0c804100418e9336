package dev.kforge.dsl.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A secret value. It never becomes a plain {@code String} by accident: {@link #toString()} is
 * redacted, there is no getter, and only this package reads it, to encode it into the Secret
 * manifest that {@code make secrets} writes outside git.
 */
public final class SecretValue {
    /** The unencrypted private keys TLS servers read: PKCS#8, and PKCS#1 (RSA) or SEC 1 (EC). */
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ((RSA|EC) )?PRIVATE KEY-----");

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

    /** Whether the value is PEM text of X.509 certificates that parse, as a TLS Secret's {@code tls.crt} holds them. */
    boolean isPemCertificates() {
        if (!text().contains("-----BEGIN CERTIFICATE-----")) {
            return false;
        }
        try {
            return !CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    /** Whether the value holds an unencrypted PEM private key, as a TLS Secret's {@code tls.key} does. */
    boolean isPemPrivateKey() {
        return PRIVATE_KEY.matcher(text()).find();
    }

    /** Whether the value is base64 of PEM text, as copied from another Secret's data: encoding it again would hide the PEM. */
    boolean isBase64OfPem() {
        try {
            byte[] decoded = Base64.getDecoder().decode(text().replaceAll("\\s", ""));
            return new String(decoded, StandardCharsets.UTF_8).contains("-----BEGIN ");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the value is empty or only white space: never a credential, usually a placeholder left unfilled. */
    boolean isBlank() {
        return text().isBlank();
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
