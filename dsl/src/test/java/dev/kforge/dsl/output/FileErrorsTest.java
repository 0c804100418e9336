package dev.kforge.dsl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FileErrorsTest {

    @Test
    void tells_the_reason_java_leaves_out_of_the_message() {
        assertThat(FileErrors.describe(new AccessDeniedException("/out/.dev.1.new"))).isEqualTo("permission denied: /out/.dev.1.new");
        assertThat(FileErrors.describe(new NoSuchFileException("/out/dev", "/out/.dev.1.old", null)))
                .isEqualTo("no such file or folder: /out/dev -> /out/.dev.1.old");
        assertThat(FileErrors.describe(new FileSystemException("/out/x", null, "Read-only file system")))
                .isEqualTo("Read-only file system: /out/x");
        assertThat(FileErrors.describe(new IOException("disk full"))).isEqualTo("IOException: disk full");
    }
}
