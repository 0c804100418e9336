package dev.kforge.tgr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The process as Kubernetes runs it: a configuration it cannot start with ends it with a non-zero status and one
 * line on stderr that names the variable and the fix (what {@code kubectl logs --previous} shows), never a stack trace.
 */
class MainTest {

    private static final long WAIT_SECONDS = 60;

    /** What a finished process wrote, and how it ended. */
    private record Exit(int status, String stdout, String stderr) {
    }

    private static Exit run(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().clear(); // not this machine's HOST, PORT or GITHUB_TOKEN
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tgr did not exit; it should not have started: " + env);
        }
        return new Exit(process.exitValue(), stdout.get(), stderr.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void exits_2_with_one_line_naming_every_invalid_variable() throws Exception {
        Exit exit = run(Map.of("PORT", "abc", "HOST", "0.0.0.0:5000"));

        assertThat(exit.status()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(exit.stderr()).isEqualTo("tgr: cannot start: Invalid configuration: HOST=\"0.0.0.0:5000\" is not a "
                + "valid bind address: expected an IP address or host name such as 0.0.0.0; PORT=\"abc\" is not a valid "
                + "port: expected an integer from 1 to 65535" + System.lineSeparator());
        assertThat(exit.stdout()).isEmpty();
    }

    @Test
    void exits_2_when_the_secret_gives_only_half_of_the_oauth_app() throws Exception {
        // The manifests read CLIENT_ID and CLIENT_SECRET from one Secret; an empty key counts as unset.
        Exit exit = run(Map.of("CLIENT_ID", "Iv1.0123456789abcdef", "CLIENT_SECRET", ""));

        assertThat(exit.status()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(exit.stderr()).isEqualTo("tgr: cannot start: Invalid configuration: CLIENT_ID is set but "
                + "CLIENT_SECRET is not: set both (a GitHub OAuth app) or neither" + System.lineSeparator());
    }

    @Test
    void exits_1_with_one_line_naming_host_when_it_is_not_an_address_of_this_machine() throws Exception {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
        Exit exit = run(Map.of("HOST", "192.0.2.1", "PORT", "5000"));

        assertThat(exit.status()).isEqualTo(Main.EXIT_START);
        assertThat(exit.stderr()).startsWith("tgr: cannot start: Cannot listen on 192.0.2.1:5000: BindException: ")
                .endsWith(": set HOST to one of its addresses, or to 0.0.0.0 for all of them" + System.lineSeparator())
                .hasLineCount(1);
        assertThat(exit.stdout()).doesNotContain("\tat ", "Exception:");
    }
}
