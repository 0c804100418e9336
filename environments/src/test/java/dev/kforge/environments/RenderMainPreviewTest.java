package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render command's {@code --preview NAME}, as {@code make render PREVIEW=pr-123} runs it. */
class RenderMainPreviewTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RenderMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void renders_the_preview_alone_into_its_folder(@TempDir Path previews) {
        int exit = run("render", "pr-123", "--preview", "pr-123", "--out", previews.toString());

        assertThat(exit).as(stderr()).isZero();
        assertThat(previews.resolve("pr-123/60-ingress-tgr.yaml")).content().contains("  - host: pr-123.tgr.example.com\n");
        assertThat(previews.resolve("pr-123/10-namespace-tgr-pr-123.yaml")).exists();
        assertThat(previews.resolve("dev")).doesNotExist();
        assertThat(stdout()).startsWith(previews.resolve("pr-123") + ": 18 files written");
    }

    @Test
    void prints_the_previews_apply_line_whose_prune_selector_leaves_dev_alone(@TempDir Path previews) {
        assertThat(run("render", "pr-123", "--preview", "pr-123", "--out", previews.toString())).isZero();
        out.reset();

        int exit = run("apply-command", "pr-123", "--preview", "pr-123", "--out", previews.toString());

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).startsWith("kubectl apply -f " + previews.resolve("pr-123")
                + " --prune -l app.kubernetes.io/instance=tgr-pr-123,app.kubernetes.io/managed-by=kforge --prune-allowlist=core/v1/Namespace ")
                .doesNotContain("tgr-dev");
    }

    @Test
    void check_names_a_preview_rendered_into_the_checked_output_as_a_stray_folder(@TempDir Path out) {
        assertThat(run("render", "pr-123", "--preview", "pr-123", "--out", out.toString())).isZero();

        int exit = run("check", "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).contains(out.resolve("pr-123") + " is not the folder of an environment (dev, staging, prod)");
    }

    @Test
    void refuses_check_of_a_preview() {
        int exit = run("check", "--preview", "pr-123");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("Usage error: check compares the committed output with the code, and a preview is never committed. "
                + "make render PREVIEW=pr-123 checks it with every environment.\n");
    }

    @Test
    void refuses_an_invalid_preview_name_before_rendering() {
        int exit = run("render", "PR_123", "--preview", "PR_123");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("Usage error: Preview environment: name \"PR_123\" is invalid: must be a DNS-1123 label")
                .endsWith("Try \"pr-123\".\n");
    }

    @Test
    void refuses_a_preview_flag_without_a_name() {
        int exit = run("render", "pr-123", "--preview");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("Usage error: --preview needs the preview's name, e.g. --preview pr-123.\n");
    }

    @Test
    void an_unknown_environment_is_told_how_to_render_it_as_a_preview() {
        int exit = run("render", "pr-123");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("Unknown environment \"pr-123\". Valid environments: dev, staging, prod (or all).\n"
                + "A preview environment is named with its own option: make render PREVIEW=pr-123 "
                + "(the jar: render pr-123 --preview pr-123), see README.md, Preview environments.\n");
    }
}
