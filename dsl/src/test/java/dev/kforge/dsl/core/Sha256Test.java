package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void gives_the_published_digests_of_the_standard_test_messages() {
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void equals_the_jdk_digest_for_every_length_around_the_block_boundaries_and_for_non_ascii_text() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length <= 200; length++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(10) == 0 ? (char) (0x00e0 + random.nextInt(0x2000)) : (char) (' ' + random.nextInt(95)));
            }
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));

            assertThat(Sha256.hex(text.toString())).as("length %d", length).isEqualTo(expected);
        }
    }
}
