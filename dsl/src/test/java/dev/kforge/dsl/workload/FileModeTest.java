package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/** File modes are given in octal, as chmod reads them, and kept as the API's integer. */
class FileModeTest {
    private static final String HINT = "For example FileMode.of(\"0440\") (owner and group read) or FileMode.of(\"0400\") (owner only).";

    @Test
    void reads_three_or_four_octal_digits_as_the_apis_integer() {
        assertThat(FileMode.of("0440").bits()).isEqualTo(288);
        assertThat(FileMode.of("440")).isEqualTo(FileMode.of("0440"));
        assertThat(FileMode.of("0644").bits()).isEqualTo(420);
        assertThat(FileMode.of("0000").bits()).isZero();
        assertThat(FileMode.of("0777").bits()).isEqualTo(511);
        assertThat(FileMode.of("0400")).hasToString("0400");
        assertThat(new FileMode(0555)).hasToString("0555").isEqualTo(FileMode.of("555"));
    }

    @Test
    void refuses_what_is_not_octal_from_0000_to_0777() {
        for (String wrong : new String[] {"0800", "0449", "1777", "4755", "44", "00440", "rw-r-----", "", " 0440"}) {
            assertThatThrownBy(() -> FileMode.of(wrong))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("File mode: octal \"" + wrong + "\" is invalid: must be 3 or 4 octal digits from 0000 to 0777 (digits 0 to 7, "
                            + "the set-user-ID, set-group-ID and sticky bits refused). " + HINT);
        }
        assertThatThrownBy(() -> FileMode.of(null))
                .hasMessage("File mode: octal null is invalid: must be 3 or 4 octal digits from 0000 to 0777 (digits 0 to 7, the set-user-ID, "
                        + "set-group-ID and sticky bits refused). " + HINT);
        assertThatThrownBy(() -> new FileMode(512))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("File mode: bits 512 (octal 1000) is invalid: must be from 0000 to 0777 (0 to 511 as the API's integer); the API "
                        + "server refuses the set-user-ID, set-group-ID and sticky bits. " + HINT);
        assertThatThrownBy(() -> new FileMode(-1))
                .hasMessage("File mode: bits -1 is invalid: must be from 0000 to 0777 (0 to 511 as the API's integer); the API server refuses "
                        + "the set-user-ID, set-group-ID and sticky bits. " + HINT);
    }
}
