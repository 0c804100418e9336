package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class ContainerDefTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private final ContainerDef app = ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP);

    @Test
    void rejects_a_command_written_as_one_string_which_the_kubelet_runs_without_a_shell() {
        ContainerDef shop = ContainerDef.named("shop").image(Image.of("ghcr.io/acme/shop", "1.4.2"));

        assertThatThrownBy(() -> shop.withCommand("java -jar /app/shop.jar"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container shop: command \"java -jar /app/shop.jar\" names a program with white space in it, and the "
                        + "kubelet runs a command without a shell, so it would look for a program of that whole name. Give each word apart, "
                        + "withCommand(\"java\", \"-jar\", \"/app/shop.jar\"), or run a shell, withCommand(\"sh\", \"-c\", \"java -jar /app/shop.jar\").");
        // A shell's script is one argument, and arguments may hold white space.
        assertThat(shop.withCommand("sh", "-c", "java -jar /app/shop.jar").command()).hasSize(3);
        assertThat(shop.withCommand("/app/run").withArgs("--greeting", "hello world").args()).containsExactly("--greeting", "hello world");
    }

    @Test
    void a_null_is_named_where_it_is_passed_not_met_later_as_a_null_pointer() {
        // A profile field left unset, or a map lookup that found nothing, reached the checks as a NullPointerException.
        ContainerDef web = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
        assertThatThrownBy(() -> web.withArgs((String[]) null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container web: args is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> web.withArgs("--port", null)).hasMessage("Container web: args[1] is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> web.withCommand((String) null)).hasMessageContaining("command[0] is missing (null)");
        assertThatThrownBy(() -> web.withResources(null)).hasMessageContaining("resources is missing (null)");
        assertThatThrownBy(() -> web.withSecurity(null)).hasMessageContaining("security is missing (null)");
        assertThatThrownBy(() -> web.withImage(null)).hasMessageContaining("image is missing (null)");
        assertThatThrownBy(() -> web.withReadinessProbe(null)).hasMessageContaining("readinessProbe is missing (null)");
        assertThatThrownBy(() -> web.withLivenessProbe(null)).hasMessageContaining("livenessProbe is missing (null)");
        assertThatThrownBy(() -> web.withPort(null)).hasMessageContaining("port is missing (null)");
        assertThatThrownBy(() -> web.withEnv(Env.value("A", "1"), null)).hasMessageContaining("env[1] is missing (null)");
        // QA: these were a bare NullPointerException (withEnvFrom), or accepted and a NullPointerException at render (withMount).
        assertThatThrownBy(() -> web.withEnvFrom(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("envFrom is missing (null)");
        assertThatThrownBy(() -> web.withMount(null, "/data")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container web: mount at /data: volume is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> web.withReadOnlyMount(null, "data")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("mount at data: volume is missing (null)");
        assertThatThrownBy(() -> new ContainerDef("web", Image.of("example/web", "1.2.3"), PullPolicy.ALWAYS, java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), Resources.NONE, null, java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.List.of(), ContainerSecurity.RESTRICTED, java.util.Optional.empty(), java.util.Map.of())).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("readinessProbe is missing (null)");
        assertThatThrownBy(() -> ContainerDef.named("web").image(null)).hasMessageContaining("image is missing (null)");
        assertThat(web.withArgs().args()).isEmpty();
        // The volumes, env sources and hooks a container takes name theirs too.
        assertThatThrownBy(() -> Volumes.emptyDir("cache").withSizeLimit(null)).hasMessageContaining("Volume cache: sizeLimit is missing (null)");
        assertThatThrownBy(() -> Volumes.configMap("config", null)).hasMessageContaining("Volume config: configMap is missing (null)");
        assertThatThrownBy(() -> Volumes.secret("tls", null)).hasMessageContaining("Volume tls: secret is missing (null)");
        ConfigMapDef settings = ConfigMapDef.named("settings").withProperty("A", "1");
        assertThatThrownBy(() -> Volumes.configMap("config", settings).withItem(null, "a")).hasMessageContaining("Volume config: key is missing (null)");
        assertThatThrownBy(() -> Volumes.downwardApi("info").withFile("labels", null)).hasMessageContaining("Volume info: field is missing (null)");
        assertThatThrownBy(() -> EnvFromSource.configMap(null)).hasMessageContaining("EnvFrom: configMap is missing (null)");
        assertThatThrownBy(() -> PreStop.exec((String[]) null)).hasMessageContaining("PreStop: exec command is missing (null)");
    }

    @Test
    void starts_with_safe_defaults() {
        ContainerDef container = ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0"));

        assertThat(container.pullPolicy()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThat(container.security()).isEqualTo(ContainerSecurity.RESTRICTED);
        assertThat(container.resources()).isEqualTo(Resources.NONE);
        assertThat(container.ports()).isEmpty();
        assertThat(container.readinessProbe()).isEmpty();
    }

    @Test
    void withers_leave_the_original_unchanged() {
        ContainerDef withEnv = app.withEnv(Env.value("A", "1"));

        assertThat(app.env()).isEmpty();
        assertThat(withEnv.env()).extracting(EnvVarDef::name).containsExactly("A");
        assertThat(withEnv.ports()).containsExactly(HTTP);
    }

    @Test
    void with_name_keeps_everything_else_and_holds_the_name_to_the_containers_rule() {
        ContainerDef migrate = app.withEnv(Env.value("A", "1")).withName("migrate");

        assertThat(migrate.name()).isEqualTo("migrate");
        assertThat(migrate.withName("app")).isEqualTo(app.withEnv(Env.value("A", "1")));
        assertThatThrownBy(() -> app.withName("Migrate_DB"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container: name \"Migrate_DB\" is invalid: must be a DNS-1123 label (lowercase letters, digits and '-', "
                        + "starting and ending with a letter or digit, at most 63 characters). Try \"migrate-db\".");
    }

    @Test
    void rejects_a_second_port_with_the_same_name() {
        assertThatThrownBy(() -> app.withPort(Port.tcp("http", 9090)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: port name \"http\" is declared twice. Give each port its own name.");
    }

    @Test
    void rejects_a_second_port_with_the_same_number_and_protocol() {
        assertThatThrownBy(() -> app.withPort(Port.tcp("web", 8080)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: port number 8080 is already declared as http. Reuse the Port object http.");
    }

    @Test
    void accepts_the_same_number_for_another_protocol() {
        assertThat(app.withPort(Port.udp("http-udp", 8080)).ports()).hasSize(2);
    }

    @Test
    void rejects_env_var_name_starting_with_a_digit() {
        assertThatThrownBy(() -> Env.value("1PORT", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Env: env var name \"1PORT\" is invalid: must consist of letters, digits, '_', '-' or '.', "
                        + "and must not start with a digit. For example \"CLIENT_ID\".");
    }

    @Test
    void rejects_env_var_name_with_a_space() {
        assertThatThrownBy(() -> Env.value("MY VAR", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Env: env var name \"MY VAR\" is invalid: must consist of letters, digits, '_', '-' or '.', "
                        + "and must not start with a digit. For example \"CLIENT_ID\".");
    }

    @Test
    void rejects_env_var_without_value() {
        assertThatThrownBy(() -> Env.value("DEBUG", null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Env DEBUG: value is missing. Give it a string (it may be empty).");
    }

    @Test
    void rejects_duplicate_env_var_in_one_call() {
        assertThatThrownBy(() -> app.withEnv(Env.value("PORT", "1"), Env.value("PORT", "2")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: env var \"PORT\" is set twice. Keep one definition; the API server would silently keep the last.");
    }

    @Test
    void rejects_env_var_already_set_by_an_earlier_call() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        ContainerDef withPort = app.withEnv(Env.from("PORT", config.key("PORT")));

        assertThatThrownBy(() -> withPort.withEnv(Env.value("PORT", "9090")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: env var \"PORT\" is set twice. Keep one definition; the API server would silently keep the last.");
    }

    @Test
    void rejects_whole_label_set_as_env_var() {
        assertThatThrownBy(() -> Env.from("LABELS", PodField.LABELS))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Env LABELS: fieldRef \"metadata.labels\" works only as a file in a downwardAPI volume. "
                        + "Use Volumes.downwardApi(...) or PodField.label(key).");
    }

    @Test
    void rejects_env_from_prefix_that_is_not_an_env_var_name() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");

        assertThatThrownBy(() -> EnvFromSource.configMap(config).withPrefix("1_"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("EnvFrom: env var name \"1_\" is invalid: must consist of letters, digits, '_', '-' or '.', "
                        + "and must not start with a digit. For example \"CLIENT_ID\".");
    }

    @Test
    void rejects_liveness_probe_with_success_threshold_2() {
        ProbeDef probe = ProbeDef.httpGet("/health", HTTP).withSuccessThreshold(2);

        assertThatThrownBy(() -> app.withLivenessProbe(probe))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: livenessProbe successThreshold 2 is invalid: must be 1 for liveness and startup probes. Remove withSuccessThreshold.");
    }

    @Test
    void rejects_startup_probe_with_success_threshold_2() {
        ProbeDef probe = ProbeDef.tcpSocket(HTTP).withSuccessThreshold(2);

        assertThatThrownBy(() -> app.withStartupProbe(probe))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: startupProbe successThreshold 2 is invalid: must be 1 for liveness and startup probes. Remove withSuccessThreshold.");
    }

    @Test
    void accepts_readiness_probe_with_success_threshold_2() {
        ProbeDef probe = ProbeDef.httpGet("/ready", HTTP).withSuccessThreshold(2);

        assertThat(app.withReadinessProbe(probe).readinessProbe()).contains(probe);
    }

    @Test
    void rejects_two_mounts_at_the_same_path() {
        ContainerDef mounted = app.withMount(Volumes.emptyDir("tmp"), "/tmp");

        assertThatThrownBy(() -> mounted.withMount(Volumes.emptyDir("cache"), "/tmp"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container app: mountPath \"/tmp\" is already used by volume tmp. Mount each volume at its own path.");
    }

    @Test
    void rejects_relative_mount_path() {
        assertThatThrownBy(() -> app.withMount(Volumes.emptyDir("tmp"), "tmp"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume tmp: mountPath \"tmp\" is invalid: must be an absolute path without ':'. For example \"/tmp\".");
    }

    @Test
    void declares_only_the_exact_port_object() {
        assertThat(app.declares(HTTP)).isTrue();
        assertThat(app.declares(Port.tcp("http", 9090))).isFalse();
        assertThat(app.declares(Port.udp("http", 8080))).isFalse();
    }
}
