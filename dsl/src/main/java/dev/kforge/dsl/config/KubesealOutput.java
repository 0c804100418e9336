package dev.kforge.dsl.config;

import java.util.Base64;
import java.util.Optional;

/**
 * The shape of one value {@code kubeseal --raw} writes: base64 of the 2-byte big-endian length of the session key the controller's
 * RSA key encrypts (as long as that key's modulus), that encrypted key, then the AES-GCM ciphertext of the value with its 16-byte
 * tag (sealed-secrets' HybridEncrypt). A value of another shape was not sealed: most likely the value itself, base64-encoded.
 */
final class KubesealOutput {
    private static final int LENGTH_BYTES = 2;
    private static final int GCM_TAG_BYTES = 16;
    private static final int SMALLEST_KEY_BYTES = 256;
    /** RSA keys of 2048 to 16384 bits, in steps of 1024: the controller makes 4096-bit ones, --key-size or one's own certificate others. */
    private static final int LARGEST_KEY_BYTES = 2048;
    private static final int KEY_BYTES_STEP = 128;

    private KubesealOutput() {
    }

    /** Why {@code value} is not kubeseal output, without ever quoting it; empty when it has the shape. */
    static Optional<String> problem(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
            return Optional.of("it is not base64 (A-Z, a-z, 0-9, + and /, padded with =, on one line)");
        }
        if (bytes.length < LENGTH_BYTES + SMALLEST_KEY_BYTES + GCM_TAG_BYTES) {
            return Optional.of("it decodes to " + bytes.length + " bytes, fewer than the " + (LENGTH_BYTES + SMALLEST_KEY_BYTES + GCM_TAG_BYTES)
                    + " of the shortest (a 2-byte length, the " + SMALLEST_KEY_BYTES + "-byte session key a 2048-bit controller key encrypts, "
                    + "a 16-byte AES-GCM tag)");
        }
        int keyBytes = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        if (keyBytes < SMALLEST_KEY_BYTES || keyBytes > LARGEST_KEY_BYTES || keyBytes % KEY_BYTES_STEP != 0) {
            return Optional.of("its first 2 bytes give a session key of " + keyBytes + " bytes, not the " + SMALLEST_KEY_BYTES + " to "
                    + LARGEST_KEY_BYTES + " (a multiple of " + KEY_BYTES_STEP + ") of a " + SMALLEST_KEY_BYTES * 8 + "- to "
                    + LARGEST_KEY_BYTES * 8 + "-bit controller key");
        }
        int shortest = LENGTH_BYTES + keyBytes + GCM_TAG_BYTES;
        if (bytes.length < shortest) {
            return Optional.of("it decodes to " + bytes.length + " bytes, fewer than the " + shortest + " of a " + keyBytes * 8
                    + "-bit controller key's output (a 2-byte length, the " + keyBytes + "-byte session key, a 16-byte AES-GCM tag)");
        }
        return Optional.empty();
    }
}
