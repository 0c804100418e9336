package dev.kforge.dsl.testing;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;

/**
 * Values shaped like {@code kubeseal --raw} output, of random bytes (the same for the same seed): the 2-byte big-endian
 * length of the RSA-encrypted session key, that key, then the AES-GCM ciphertext of the value and its 16-byte tag.
 * No cluster can unseal them; they only have the shape the library checks.
 */
public final class FakeKubeseal {
    private static final int GCM_TAG_BYTES = 16;

    private FakeKubeseal() {
    }

    /** A value sealed for a 4096-bit controller key, the controller's default: 512 bytes of encrypted session key. */
    public static String sealed(long seed) {
        return sealed(4096, 24, seed);
    }

    /** A value of {@code valueBytes} bytes sealed for a {@code keyBits}-bit key. */
    public static String sealed(int keyBits, int valueBytes, long seed) {
        return encode(keyBits / 8, keyBits / 8 + valueBytes + GCM_TAG_BYTES, seed);
    }

    /** Base64 of {@code totalBytes} bytes whose first two give {@code declaredKeyBytes} as the session key's length. */
    public static String encode(int declaredKeyBytes, int totalBytes, long seed) {
        byte[] random = new byte[totalBytes];
        new Random(seed).nextBytes(random);
        ByteBuffer bytes = ByteBuffer.allocate(2 + totalBytes).putShort((short) declaredKeyBytes).put(random);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
