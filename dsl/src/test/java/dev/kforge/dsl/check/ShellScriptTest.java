package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Image;
import org.junit.jupiter.api.Test;

/** The one reading of the script a container runs through a shell, for variable-reference and the network client checks. */
class ShellScriptTest {
    private static final ContainerDef TOOLBOX = ContainerDef.named("wait-db").image(Image.of("example/toolbox", "1.0.0"));

    @Test
    void finds_the_script_after_the_shells_c_option_in_the_command_or_the_args() {
        assertThat(ShellScript.of(TOOLBOX.withCommand("sh", "-c", "nc -z db 5432"))).contains(new ShellScript(2, "nc -z db 5432"));
        assertThat(ShellScript.of(TOOLBOX.withCommand("/usr/bin/env", "-i", "PATH=/bin", "bash", "-o", "pipefail", "-ec")
                .withArgs("nc -z db 5432", "name"))).contains(new ShellScript(7, "nc -z db 5432"));
    }

    @Test
    void another_programs_c_or_a_script_files_arguments_are_no_script() {
        assertThat(ShellScript.of(TOOLBOX.withCommand("python3", "-c", "print('a b')"))).isEmpty();
        assertThat(ShellScript.of(TOOLBOX.withCommand("sh", "/scripts/wait.sh", "-c", "nc -z db 5432"))).isEmpty();
        assertThat(ShellScript.of(TOOLBOX.withCommand("sh", "-c"))).isEmpty();
    }
}
