package dev.kforge.dsl.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.cli.Cli;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Certificate;
import dev.kforge.dsl.testing.FakeKubeseal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret values reach the cluster without passing through git, in each of the three ways. */
class SecretDeliveryTest {
    private static final String SEALED = FakeKubeseal.sealed(1);

    private static Stack stack(SecretDef... secrets) {
        Stack stack = Stack.named("demo").environment("dev").namespace(NamespaceDef.named("demo-dev"));
        for (SecretDef secret : secrets) {
            stack = stack.with(secret);
        }
        return stack;
    }

    @Test
    void a_secret_value_never_shows_in_its_string_form() {
        SecretValue value = SecretValue.of("hunter2");
        assertThat(value.toString()).isEqualTo("SecretValue[redacted]").doesNotContain("hunter2");
        assertThat(String.valueOf(Map.of("k", value))).doesNotContain("hunter2");
        assertThat(value).isEqualTo(SecretValue.of("hunter2")).isNotEqualTo(SecretValue.of("hunter3"));
    }

    @Test
    void builds_secrets_from_the_environment_and_the_env_file_with_the_environment_winning() {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        SecretManifests.Result result = SecretManifests.build(stack(github),
                Map.of("CLIENT_ID", "from-env"),
                Map.of("CLIENT_ID", SecretValue.of("from-file"), "CLIENT_SECRET", SecretValue.of("s3cret")));
        assertThat(result.missing()).isEmpty();
        assertThat(result.files()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("31-secret-github.yaml");
            assertThat(file.content()).isEqualTo("apiVersion: v1\n"
                    + "kind: Secret\n"
                    + "metadata:\n"
                    + "  name: github\n"
                    + "  namespace: demo-dev\n"
                    + "  annotations:\n"
                    + "    kforge.dev/secret-version: \"1\"\n"
                    + "  labels:\n"
                    + "    app.kubernetes.io/instance: demo-dev\n"
                    + "    app.kubernetes.io/managed-by: kforge-secrets\n"
                    + "    app.kubernetes.io/part-of: demo\n"
                    + "    kforge.dev/environment: dev\n"
                    + "data:\n"
                    + "  CLIENT_ID: " + base64("from-env") + "\n"
                    + "  CLIENT_SECRET: " + base64("s3cret") + "\n"
                    + "type: Opaque\n");
        });
    }

    @Test
    void writes_the_declared_annotations_and_labels_beside_its_own_which_they_cannot_override() {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID")
                .withAnnotation("reflector.v1.k8s.emberstack.com/reflection-allowed", "true")
                .withAnnotation("example.com/owner", "team-a")
                .withLabel("team", "payments");
        // Past the refusals of withAnnotation and withLabel: the Secret's own version and managed-by still win.
        SecretDef forced = github.withMeta(github.meta().withAnnotation(Annotations.SECRET_VERSION, "9")
                .withLabel(Labels.MANAGED_BY, "kforge"));
        for (SecretDef secret : List.of(github, forced)) {
            SecretManifests.Result result = SecretManifests.build(stack(secret), Map.of("CLIENT_ID", "x"), Map.of());
            assertThat(result.files()).singleElement().extracting(ManifestFile::content).asString().contains("metadata:\n"
                    + "  name: github\n"
                    + "  namespace: demo-dev\n"
                    + "  annotations:\n"
                    + "    example.com/owner: team-a\n"
                    + "    kforge.dev/secret-version: \"1\"\n"
                    + "    reflector.v1.k8s.emberstack.com/reflection-allowed: \"true\"\n"
                    + "  labels:\n"
                    + "    app.kubernetes.io/instance: demo-dev\n"
                    + "    app.kubernetes.io/managed-by: kforge-secrets\n"
                    + "    app.kubernetes.io/part-of: demo\n"
                    + "    kforge.dev/environment: dev\n"
                    + "    team: payments\n"
                    + "data:\n");
        }
    }

    @Test
    void refuses_the_secret_version_annotation_which_kforge_writes_from_the_declared_version() {
        assertThatThrownBy(() -> SecretDef.opaque("github", "CLIENT_ID").withAnnotation(Annotations.SECRET_VERSION, "2"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret github: annotation \"kforge.dev/secret-version\" is written from a Secret's declared version, so that "
                        + "make secrets and the operators compare the right values. Use withVersion(\"2\") instead.");
    }

    @Test
    void names_every_missing_value_and_builds_nothing() {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        SecretDef registry = SecretDef.registryCredentials("registry").withSource(SecretSource.environment("REGISTRY_"));
        SecretManifests.Result result = SecretManifests.build(stack(github, registry), Map.of("CLIENT_ID", "x"), Map.of());
        assertThat(result.files()).isEmpty();
        assertThat(result.missing()).containsExactly(
                "Secret github key CLIENT_SECRET (variable CLIENT_SECRET)",
                "Secret registry key .dockerconfigjson (variable REGISTRY_DOCKERCONFIGJSON)");
    }

    @Test
    void secrets_from_a_store_or_sealed_are_not_built_locally_but_rendered_without_values() {
        SecretDef stored = SecretDef.opaque("github", "CLIENT_ID").withSource(SecretSource.clusterStore("vault-dev").withRemoteKey("apps/tgr"));
        SecretDef sealed = SecretDef.tls("tls").withSource(SecretSource.sealed(Map.of("tls.crt", SEALED, "tls.key", SEALED)));
        assertThat(SecretManifests.build(stack(stored, sealed), Map.of(), Map.of()).files()).isEmpty();

        List<ManifestFile> files = Renderer.render(stack(stored, sealed)).files();
        assertThat(files).extracting(ManifestFile::fileName).containsExactly(
                "10-namespace-demo-dev.yaml", "31-externalsecret-github.yaml", "31-sealedsecret-tls.yaml");
        assertThat(files.get(1).content()).contains("kind: ExternalSecret\n")
                .contains("  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault-dev\n")
                .contains("  - remoteRef:\n      key: apps/tgr\n      property: CLIENT_ID\n    secretKey: CLIENT_ID\n");
        assertThat(files.get(2).content()).contains("kind: SealedSecret\n")
                .contains("  encryptedData:\n    tls.crt: " + SEALED + "\n    tls.key: " + SEALED + "\n")
                .contains("    type: kubernetes.io/tls\n");
    }

    @Test
    void secrets_a_controller_writes_are_neither_built_locally_nor_rendered_and_roll_the_pods_reading_them_by_their_writer() {
        // cert-manager writes the Secret a Certificate names; the pods read its certificate.
        SecretDef tls = SecretDef.tls("shop-tls").withSource(SecretSource.writtenBy(Certificate.KIND, "shop"));
        DeploymentDef runner = DeploymentDef.named("runner").running(ContainerDef.named("runner").image(Image.of("example/runner", "1.0.0"))
                .withEnv(Env.from("TLS_CRT", tls.key("tls.crt"))));
        Stack stack = stack(tls).with(Certificate.of("shop", tls), runner);
        SecretManifests.Result local = SecretManifests.build(stack, Map.of(), Map.of());
        assertThat(local.files()).isEmpty();
        assertThat(local.missing()).isEmpty();

        List<ManifestFile> files = Renderer.render(stack).files();
        assertThat(files).extracting(ManifestFile::fileName).containsExactly(
                "10-namespace-demo-dev.yaml", "35-certificate-shop.yaml", "50-deployment-runner.yaml");
        assertThat(files.get(2).content()).contains("        checksum.kforge.dev/secret-shop-tls: ");
    }

    @Test
    void a_bumped_version_annotates_the_external_secret_so_the_operator_fetches_the_rotated_values_in_the_apply_that_rolls_the_pods() {
        SecretDef stored = SecretDef.opaque("github", "CLIENT_ID").withSource(SecretSource.clusterStore("vault-dev"));
        String first = Renderer.render(stack(stored)).files().get(1).content();
        assertThat(first).doesNotContain("annotations");

        String rotated = Renderer.render(stack(stored.withVersion("2"))).files().get(1).content();
        assertThat(rotated).contains("  name: github\n  namespace: demo-dev\n  annotations:\n    kforge.dev/secret-version: \"2\"\n  labels:\n");
        assertThat(rotated.replace("  annotations:\n    kforge.dev/secret-version: \"2\"\n", "")).isEqualTo(first);
        assertThat(Renderer.render(stack(stored.withAnnotation("example.com/owner", "team-a").withVersion("3"))).files().get(1).content())
                .contains("  annotations:\n    example.com/owner: team-a\n    kforge.dev/secret-version: \"3\"\n");
    }

    @Test
    void a_namespace_store_with_its_own_refresh_interval() {
        SecretDef stored = SecretDef.opaque("github", "CLIENT_ID")
                .withSource(SecretSource.namespaceStore("vault").withRefreshInterval(java.time.Duration.ofMinutes(15)));
        String yaml = Renderer.render(stack(stored)).files().get(1).content();
        assertThat(yaml).contains("  refreshInterval: 900s\n").contains("  secretStoreRef:\n    kind: SecretStore\n    name: vault\n")
                .contains("      key: github\n");
        assertThatThrownBy(() -> SecretSource.namespaceStore("vault").withRefreshInterval(java.time.Duration.ZERO))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("SecretSource vault: refreshInterval \"PT0S\" is invalid: must be positive. For example Duration.ofHours(1).");
    }

    @Test
    void rejects_sealed_values_that_do_not_match_the_declared_keys() {
        assertThatThrownBy(() -> SecretDef.tls("tls").withSource(SecretSource.sealed(Map.of("tls.crt", SEALED))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret tls: sealed keys \"[tls.crt]\" is invalid: must be exactly the declared keys [tls.crt, tls.key]. Seal one value per declared key.");
    }

    @Test
    void accepts_values_sealed_for_controller_keys_of_2048_bits_and_more() {
        // The controller makes 4096-bit keys; --key-size or a certificate of one's own gives others, 8192 bits among them.
        for (int bits : new int[] {2048, 3072, 4096, 6144, 8192}) {
            SecretDef secret = SecretDef.opaque("db", "PASSWORD").withSource(SecretSource.sealed(Map.of("PASSWORD", FakeKubeseal.sealed(bits, 0, bits))));
            assertThat(((SecretSource.Sealed) secret.source()).encryptedData()).containsKey("PASSWORD");
        }
    }

    @Test
    void rejects_a_sealed_value_that_is_only_base64_encoded_naming_the_key_never_the_value() {
        String encoded = Base64.getEncoder().encodeToString("hunter2-correct-horse".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SecretDef.opaque("db", "PASSWORD").withSource(SecretSource.sealed(Map.of("PASSWORD", encoded))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret db: the sealed value of key PASSWORD is not kubeseal output: it decodes to 21 bytes, fewer than the 274 "
                        + "of the shortest (a 2-byte length, the 256-byte session key a 2048-bit controller key encrypts, a 16-byte AES-GCM "
                        + "tag). A value only base64-encoded would reach git readable by anyone: seal it with kubeseal --raw --namespace "
                        + "<namespace> --name db --from-file=<file holding the value> (README, Secrets: sealing a value).")
                .message().doesNotContain(encoded);
    }

    @Test
    void rejects_sealed_values_that_are_not_base64_or_whose_session_key_length_fits_no_rsa_key() {
        String pem = Base64.getEncoder().encodeToString(("-----BEGIN PRIVATE KEY-----\n" + "A".repeat(400)).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SecretDef.tls("tls").withSource(SecretSource.sealed(Map.of("tls.crt", "s3cr3t!", "tls.key", pem))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret tls: the sealed value of key tls.crt is not kubeseal output: it is not base64 (A-Z, a-z, 0-9, + and /, "
                        + "padded with =, on one line); the sealed value of key tls.key is not kubeseal output: its first 2 bytes give a "
                        + "session key of 11565 bytes, not the 256 to 2048 (a multiple of 128) of a 2048- to 16384-bit controller key. A value only "
                        + "base64-encoded would reach git readable by anyone: seal it with kubeseal --raw --namespace <namespace> --name tls "
                        + "--from-file=<file holding the value> (README, Secrets: sealing a value).");
    }

    @Test
    void rejects_a_sealed_value_cut_short_of_its_session_key_and_tag() {
        String truncated = FakeKubeseal.encode(512, 400, 7);
        assertThatThrownBy(() -> SecretDef.opaque("db", "PASSWORD").withSource(SecretSource.sealed(Map.of("PASSWORD", truncated))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret db: the sealed value of key PASSWORD is not kubeseal output: it decodes to 402 bytes, fewer than the 530 "
                        + "of a 4096-bit controller key's output (a 2-byte length, the 512-byte session key, a 16-byte AES-GCM tag). "
                        + "A value only base64-encoded would reach git readable by anyone: seal it with kubeseal --raw --namespace "
                        + "<namespace> --name db --from-file=<file holding the value> (README, Secrets: sealing a value).");
    }

    @Test
    void reads_the_workshops_env_file_format(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(".env.dev");
        Files.writeString(file, "# GitHub OAuth app\nCLIENT_ID=\"xxxx\"\nexport CLIENT_SECRET='a \"b\"'\nDEBUG=False # inline comment\n\n");
        assertThat(DotEnvFile.read(file)).containsExactly(
                Map.entry("CLIENT_ID", SecretValue.of("xxxx")),
                Map.entry("CLIENT_SECRET", SecretValue.of("a \"b\"")),
                Map.entry("DEBUG", SecretValue.of("False")));
        Files.writeString(file, "CLIENT_SECRET=\"unterminated\n");
        assertThatThrownBy(() -> DotEnvFile.read(file)).hasMessage(file + ":1: unterminated double quote");
        Files.writeString(file, "not a variable line with s3cret\n");
        assertThatThrownBy(() -> DotEnvFile.read(file)).hasMessageNotContaining("s3cret")
                .hasMessage(file + ":1: expected KEY=\"value\" (the line is not shown, it may hold a secret)");
    }

    @Test
    void reads_comments_after_quotes_escapes_multi_line_values_a_byte_order_mark_and_crlf(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(".env.dev");
        Files.writeString(file, "\uFEFFCLIENT_ID=\"id\" # the OAuth app\r\n"
                + "WINDOWS_PATH=\"C:\\\\new\\\\dir\"\n"
                + "ESCAPES=\"a\\nb\\tc \\\"q\\\" \\d\"\n"
                + "CERT=\"-----BEGIN-----\nline\n-----END-----\"\n"
                + "RAW='x\\ny'\n"
                + "CLIENT_ID=\"later wins\"\n");

        assertThat(DotEnvFile.read(file)).containsExactly(
                Map.entry("WINDOWS_PATH", SecretValue.of("C:\\new\\dir")),
                Map.entry("ESCAPES", SecretValue.of("a\nb\tc \"q\" \\d")),
                Map.entry("CERT", SecretValue.of("-----BEGIN-----\nline\n-----END-----")),
                Map.entry("RAW", SecretValue.of("x\\ny")),
                Map.entry("CLIENT_ID", SecretValue.of("later wins")));
    }

    @Test
    void a_comment_after_an_unquoted_value_starts_at_a_hash_after_any_white_space(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(".env.dev");
        // A tab before the comment kept it in the value; a placeholder comment alone became the value.
        Files.writeString(file, "CLIENT_ID=abc\t# the OAuth app\nCLIENT_SECRET= # fill in from GitHub\nHASH=a#b\nLEADING=#x\n");
        assertThat(DotEnvFile.read(file)).containsExactly(
                Map.entry("CLIENT_ID", SecretValue.of("abc")),
                Map.entry("CLIENT_SECRET", SecretValue.of("")),
                Map.entry("HASH", SecretValue.of("a#b")),
                Map.entry("LEADING", SecretValue.of("#x")));
    }

    @Test
    void names_the_line_of_a_malformed_value_without_showing_it(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(".env.dev");
        Files.writeString(file, "A=1\nB=\"s3cret\" trailing\n");
        assertThatThrownBy(() -> DotEnvFile.read(file)).hasMessage(file + ":2: unexpected text after the closing quote");
        Files.writeString(file, "A=1\nB='s3cret\n\n");
        assertThatThrownBy(() -> DotEnvFile.read(file)).hasMessage(file + ":2: unterminated single quote");
        Files.write(file, new byte[] {'A', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> DotEnvFile.read(file)).hasMessage(file + ": not UTF-8 text. Save it as UTF-8 (the values are not shown).");
    }

    @Test
    void an_empty_variable_does_not_hide_the_files_value_and_an_empty_value_is_missing() {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");

        SecretManifests.Result result = SecretManifests.build(stack(github), Map.of("CLIENT_ID", "", "CLIENT_SECRET", ""),
                Map.of("CLIENT_ID", SecretValue.of("from-file"), "CLIENT_SECRET", SecretValue.of("")));

        assertThat(result.files()).isEmpty();
        assertThat(result.missing()).containsExactly("Secret github key CLIENT_SECRET (variable CLIENT_SECRET is empty)");
    }

    @Test
    void a_blank_value_is_missing_and_a_blank_variable_does_not_hide_the_files_value() {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");

        // CLIENT_SECRET="   " in .env.dev built a Secret of three spaces: the service failed at GitHub, not here.
        SecretManifests.Result result = SecretManifests.build(stack(github), Map.of("CLIENT_ID", "  "),
                Map.of("CLIENT_ID", SecretValue.of("from-file"), "CLIENT_SECRET", SecretValue.of(" \t ")));

        assertThat(result.files()).isEmpty();
        assertThat(result.missing()).containsExactly("Secret github key CLIENT_SECRET (variable CLIENT_SECRET is blank: only white space)");
        assertThat(SecretManifests.build(stack(github), Map.of("CLIENT_ID", " "), Map.of("CLIENT_ID", SecretValue.of("from-file"),
                "CLIENT_SECRET", SecretValue.of(" padded "))).files().get(0).content())
                .contains("CLIENT_ID: " + base64("from-file")).contains("CLIENT_SECRET: " + base64(" padded "));
    }

    @Test
    void a_missing_variable_names_a_likely_misspelling_and_a_blank_one_set_only_in_the_environment_says_so() {
        // Walkthrough 8 wrote CLEINT_SECRET=abc in .env.dev and was told only that CLIENT_SECRET was missing.
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        SecretManifests.Result result = SecretManifests.build(stack(github), Map.of("CLIENT_ID", "   ", "PATH", "/usr/bin"),
                Map.of("CLEINT_SECRET", SecretValue.of("s3cret"), "CLIENT_IDS", SecretValue.of("x")));
        assertThat(result.files()).isEmpty();
        // CLIENT_IDS is as close to CLIENT_ID, which reads nothing else, but nothing is asked of it once CLIENT_ID is blank.
        assertThat(result.missing()).containsExactly(
                "Secret github key CLIENT_ID (variable CLIENT_ID is blank: only white space)",
                "Secret github key CLIENT_SECRET (variable CLIENT_SECRET is not set; CLEINT_SECRET is, which no Secret reads: a typo?)");
        assertThat(String.join("\n", result.missing())).doesNotContain("s3cret");
        // A variable some Secret reads is no misspelling of another.
        SecretDef other = SecretDef.opaque("other", "CLIENT_SECRETS");
        assertThat(SecretManifests.build(stack(github, other), Map.of("CLIENT_ID", "x"), Map.of("CLIENT_SECRETS", SecretValue.of("y")))
                .missing()).containsExactly("Secret github key CLIENT_SECRET (variable CLIENT_SECRET)");
    }

    @Test
    void registry_credentials_must_be_a_docker_config() {
        SecretDef registry = SecretDef.registryCredentials("registry").withSource(SecretSource.environment("REGISTRY_"));

        SecretManifests.Result invalid = SecretManifests.build(stack(registry), Map.of("REGISTRY_DOCKERCONFIGJSON", "hunter2-not-json"), Map.of());
        SecretManifests.Result valid = SecretManifests.build(stack(registry),
                Map.of("REGISTRY_DOCKERCONFIGJSON", "{\"auths\": {\"ghcr.io\": {\"auth\": \"dXNlcjpwYXNz\"}}}"), Map.of());

        assertThat(invalid.missing()).singleElement().asString()
                .isEqualTo("Secret registry key .dockerconfigjson (variable REGISTRY_DOCKERCONFIGJSON is not a Docker config: "
                        + "JSON like {\"auths\": {\"<registry>\": {\"auth\": \"<base64 of user:password>\"}}})")
                .doesNotContain("hunter2");
        assertThat(valid.missing()).isEmpty();
        assertThat(valid.files()).hasSize(1);
    }

    /** A self-signed certificate for shop.example.com (public: a certificate holds no secret). */
    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----" + "\n"
            + "MIIBjjCCATOgAwIBAgIUYqhbdv/C5jXQim5EFaB4IgqjlJYwCgYIKoZIzj0EAwIw" + "\n"
            + "GzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAgFw0yNjExMjMwNzU2MTFaGA8y" + "\n"
            + "MTI2MTAzMDA3NTYxMVowGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTBZMBMG" + "\n"
            + "ByqGSM49AgEGCCqGSM49AwEHA0IABKXwKNs0y/fG3v+0dPbooeWRd57YB5ZL5vKj" + "\n"
            + "zQrTMPKjeLYruEwElNP7gPWXSx0ExSPNaGdn7DB9WOvRDWkVMAijUzBRMB0GA1Ud" + "\n"
            + "DgQWBBQaPlFGb+U8juGxLch4M/Fq21c2OTAfBgNVHSMEGDAWgBQaPlFGb+U8juGx" + "\n"
            + "Lch4M/Fq21c2OTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDK" + "\n"
            + "6IQZPlaRxEoKjpakhc5U+l8/5CbOF5ZxDlHBw/KtwAIhAP4L9sqSJGdDSCv4nHdd" + "\n"
            + "cbdq9tzS7WxImYDTP6eO0ZZb" + "\n"
            + "-----END CERTIFICATE-----" + "\n";
    /** The shape of a private key; its body is never parsed. */
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";

    @Test
    void a_tls_secret_must_hold_a_pem_certificate_and_private_key() {
        // The API server does not validate a kubernetes.io/tls Secret's values; an Ingress controller then serves its own fake certificate.
        SecretDef tls = SecretDef.tls("shop-tls").withSource(SecretSource.environment("SHOP_"));
        String base64Pem = Base64.getEncoder().encodeToString(CERTIFICATE.getBytes(StandardCharsets.UTF_8));

        SecretManifests.Result swapped = SecretManifests.build(stack(tls), Map.of("SHOP_TLS_CRT", KEY, "SHOP_TLS_KEY", CERTIFICATE), Map.of());
        SecretManifests.Result encoded = SecretManifests.build(stack(tls), Map.of("SHOP_TLS_CRT", base64Pem, "SHOP_TLS_KEY", KEY), Map.of());
        SecretManifests.Result valid = SecretManifests.build(stack(tls), Map.of("SHOP_TLS_CRT", CERTIFICATE, "SHOP_TLS_KEY", KEY), Map.of());

        assertThat(swapped.missing()).containsExactly(
                "Secret shop-tls key tls.crt (variable SHOP_TLS_CRT is not a PEM certificate: text from -----BEGIN CERTIFICATE-----, "
                        + "the server's certificate first, then its chain)",
                "Secret shop-tls key tls.key (variable SHOP_TLS_KEY is not a PEM private key: text from -----BEGIN PRIVATE KEY----- "
                        + "(or RSA PRIVATE KEY, EC PRIVATE KEY), unencrypted)");
        assertThat(encoded.missing()).containsExactly(
                "Secret shop-tls key tls.crt (variable SHOP_TLS_CRT is not a PEM certificate: it is base64 of one, as a Secret's data "
                        + "holds it; give the PEM text, which make secrets encodes)");
        assertThat(valid.missing()).isEmpty();
        assertThat(valid.files()).hasSize(1);
    }

    @Test
    void the_secrets_command_writes_owner_only_files_outside_out_and_never_prints_a_value(@TempDir Path folder) throws Exception {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        List<EnvironmentDefinition> environments = List.of(new EnvironmentDefinition("dev", () -> stack(github)));
        Files.writeString(folder.resolve(".env.dev"), "CLIENT_SECRET=\"s3cret-from-file\"\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(environments, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CLIENT_ID", "id-from-env"), folder);

        int code = cli.run("secrets", "dev", "--out", folder.resolve("secrets").toString());

        assertThat(code).isZero();
        Path written = folder.resolve("secrets/dev/31-secret-github.yaml");
        assertThat(Files.readString(written)).contains("CLIENT_SECRET: " + base64("s3cret-from-file"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent()))).isEqualTo("rwx------");
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("1 Secret written (github)").doesNotContain("s3cret-from-file").doesNotContain("id-from-env")
                .doesNotContain(base64("s3cret-from-file"));
    }

    @Test
    void the_secrets_command_never_writes_values_into_the_rendered_output(@TempDir Path folder) throws Exception {
        SecretDef github = SecretDef.opaque("github", "TOKEN");
        List<EnvironmentDefinition> environments = List.of(new EnvironmentDefinition("dev", () -> stack(github)),
                new EnvironmentDefinition("prod", () -> Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))));
        Path out = folder.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(environments, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("TOKEN", "s3cret-token"), folder);
        assertThat(cli.run("render", "all", "--out", out.toString())).isZero();
        Map<String, String> rendered = dev.kforge.dsl.output.OutputDirectory.read(out.resolve("dev"));

        // --out out, as render, check and apply-command take it: the Secret would replace out/dev, which git tracks.
        assertThat(cli.run("secrets", "dev", "--out", out.toString())).isEqualTo(1);
        assertThat(dev.kforge.dsl.output.OutputDirectory.read(out.resolve("dev"))).isEqualTo(rendered);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(out.resolve("dev") + " holds files make secrets did not write "
                + "(10-namespace-demo-dev.yaml), which writing would delete: rendered output, which git tracks, or files of your own. Nothing was written: Secret values stay outside out/ "
                + "and git; write them to the default secrets/ folder (git-ignored) or another folder of their own.\n");

        // Only another environment's folder rendered there: still the output folder.
        Files.walk(out.resolve("dev")).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        err.reset();
        assertThat(cli.run("secrets", "dev", "--out", out.toString())).isEqualTo(1);
        assertThat(out.resolve("dev")).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(out.resolve("prod") + " holds files make secrets did not write "
                + "(10-namespace-demo-prod.yaml), which writing would delete");

        // Its own earlier output is replaced as before.
        err.reset();
        assertThat(cli.run("secrets", "dev", "--out", folder.resolve("secrets").toString())).isZero();
        assertThat(cli.run("secrets", "dev", "--out", folder.resolve("secrets").toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void the_secrets_command_names_a_malformed_env_file_line_once(@TempDir Path folder) throws Exception {
        SecretDef github = SecretDef.opaque("github", "TOKEN");
        Files.writeString(folder.resolve(".env.dev"), "TOKEN=ok\nthis line holds hunter2\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new EnvironmentDefinition("dev", () -> stack(github))), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), folder);

        // It read "Cannot read /x/.env.dev: /x/.env.dev:2: expected ...", the path twice and no way out.
        assertThat(cli.run("secrets", "dev", "--stdout")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Cannot read " + folder.resolve(".env.dev") + ":2: expected KEY=\"value\" "
                + "(the line is not shown, it may hold a secret). Nothing was built: fix the file, or set the values as environment "
                + "variables and move it away.\n");
    }

    @Test
    void the_secrets_command_names_every_missing_key_and_writes_nothing(@TempDir Path folder) {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new EnvironmentDefinition("dev", () -> stack(github))), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), folder);

        assertThat(cli.run("secrets", "dev", "--out", folder.resolve("secrets").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing or invalid secret values for dev (nothing written):\n"
                + "  Secret github key CLIENT_ID (variable CLIENT_ID)\n"
                + "  Secret github key CLIENT_SECRET (variable CLIENT_SECRET)\n");
        assertThat(folder.resolve("secrets")).doesNotExist();
    }

    @Test
    void the_secrets_command_can_print_for_kubectl_apply(@TempDir Path folder) {
        SecretDef github = SecretDef.opaque("github", "TOKEN");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new EnvironmentDefinition("dev", () -> stack(github))), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), Map.of("TOKEN", "t"), folder);
        assertThat(cli.run("secrets", "dev", "--stdout")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("---\napiVersion: v1\nkind: Secret\n").contains("  TOKEN: dA==\n");
        assertThat(folder.resolve("secrets")).doesNotExist();
    }

    @Test
    void with_nothing_to_build_the_printing_secrets_command_prints_no_text_where_kubectl_reads_yaml(@TempDir Path folder) {
        SecretDef stored = SecretDef.opaque("github", "TOKEN").withSource(SecretSource.clusterStore("vault"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new EnvironmentDefinition("dev", () -> stack(stored))), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), folder);

        // make secrets ENV=staging STDOUT=1 | kubectl apply -f -: kubectl refused the sentence ("apiVersion not set, kind not set").
        assertThat(cli.run("secrets", "dev", "--stdout")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("No Secret of dev takes its values from the environment");
    }

    @Test
    void with_only_secrets_a_controller_writes_the_secrets_command_says_where_they_come_from(@TempDir Path folder) {
        SecretDef tls = SecretDef.tls("shop-tls").withSource(SecretSource.writtenBy(Certificate.KIND, "shop"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new EnvironmentDefinition("dev", () -> stack(tls).with(Certificate.of("shop", tls)))),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of(), folder);

        assertThat(cli.run("secrets", "dev")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("No Secret of dev takes its values from the environment: its Secrets "
                + "come from the ExternalSecret or SealedSecret objects in out/dev, or from the controllers that write them in the cluster "
                + "(SecretSource.writtenBy). Nothing to build.\n");
    }

    @Test
    void refuses_values_changed_at_the_same_version_naming_the_secret_its_version_and_keys_never_a_value(@TempDir Path folder) throws Exception {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        Path secrets = folder.resolve("secrets");
        Path written = secrets.resolve("dev/31-secret-github.yaml");
        // First run: no previous file, nothing to compare with. Again with the same values: nothing changed.
        assertThat(secretsCli(stack(github), Map.of("CLIENT_ID", "id", "CLIENT_SECRET", "old-s3cret"), folder, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();
        String previous = Files.readString(written);
        assertThat(secretsCli(stack(github), Map.of("CLIENT_ID", "id", "CLIENT_SECRET", "old-s3cret"), folder, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();

        // The value changed, the version did not: applied, the Secret would change and its pods keep the old value.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli rotated = secretsCli(stack(github), Map.of("CLIENT_ID", "id", "CLIENT_SECRET", "new-s3cret"), folder, out, err);
        assertThat(rotated.run("secrets", "dev", "--out", secrets.toString())).isEqualTo(1);
        assertThat(Files.readString(written)).isEqualTo(previous);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Secret values changed without a version bump in dev (nothing written):\n"
                + "  dev/Secret github: the value of CLIENT_SECRET changed but not the version (\"1\", as in " + written + "). "
                + "Bump it in the code, withVersion(\"2\"), then make render ENV=dev.\n"
                + "The pods reading such a Secret would not roll: its env vars keep their old values (a container reads them when it starts) "
                + "and files mounted from it change under running processes. Its version feeds the pods' checksum annotation, its values do not. If the old values never reached the cluster, delete the "
                + "file named instead.\n");
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("s3cret").doesNotContain(base64("new-s3cret")).doesNotContain(base64("old-s3cret"));

        // Printed for kubectl: the same refusal, and no YAML where kubectl reads it.
        out.reset();
        err.reset();
        assertThat(rotated.run("secrets", "dev", "--stdout", "--out", secrets.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Secret values changed without a version bump in dev (nothing printed):\n"
                + "  dev/Secret github: the value of CLIENT_SECRET changed but not the version (\"1\", as in " + written + ").");

        // Bumped: written, with the new version.
        assertThat(secretsCli(stack(github.withVersion("2")), Map.of("CLIENT_ID", "id", "CLIENT_SECRET", "new-s3cret"), folder,
                new ByteArrayOutputStream(), new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();
        assertThat(Files.readString(written)).contains("    kforge.dev/secret-version: \"2\"\n").contains(base64("new-s3cret"));
    }

    @Test
    void names_every_secret_changed_without_a_bump_and_suggests_a_version_for_any_spelling(@TempDir Path folder) {
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET").withVersion("2024-05");
        SecretDef db = SecretDef.opaque("db", "PASSWORD", "USER").withVersion("9");
        Path secrets = folder.resolve("secrets");
        assertThat(secretsCli(stack(github, db), Map.of("CLIENT_ID", "a", "CLIENT_SECRET", "b", "PASSWORD", "c", "USER", "d"), folder,
                new ByteArrayOutputStream(), new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(secretsCli(stack(github, db), Map.of("CLIENT_ID", "a2", "CLIENT_SECRET", "b2", "PASSWORD", "c2", "USER", "d"), folder,
                new ByteArrayOutputStream(), err).run("secrets", "dev", "--out", secrets.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "  dev/Secret github: the values of CLIENT_ID, CLIENT_SECRET changed but not the version (\"2024-05\", as in "
                        + secrets.resolve("dev/31-secret-github.yaml") + "). Bump it in the code, withVersion(\"<a new version>\"), then make render ENV=dev.\n"
                        + "  dev/Secret db: the value of PASSWORD changed but not the version (\"9\", as in " + secrets.resolve("dev/31-secret-db.yaml")
                        + "). Bump it in the code, withVersion(\"10\"), then make render ENV=dev.\n");
    }

    @Test
    void changed_keys_or_a_previous_file_without_a_version_are_no_forgotten_bump(@TempDir Path folder) throws Exception {
        Path secrets = folder.resolve("secrets");
        Path written = secrets.resolve("dev/31-secret-github.yaml");
        SecretDef github = SecretDef.opaque("github", "CLIENT_ID");
        assertThat(secretsCli(stack(github), Map.of("CLIENT_ID", "a", "CLIENT_SECRET", "b"), folder, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();

        // Another key: the declared keys feed the pods' checksum annotation, so they roll without a bump.
        SecretDef twoKeys = SecretDef.opaque("github", "CLIENT_ID", "CLIENT_SECRET");
        assertThat(secretsCli(stack(twoKeys), Map.of("CLIENT_ID", "a2", "CLIENT_SECRET", "b"), folder, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();
        assertThat(Files.readString(written)).contains(base64("a2"));

        // Written before make secrets recorded the version: its version is not known, so nothing is refused (and it is recorded now).
        Files.writeString(written, Files.readString(written).replace("  annotations:\n    kforge.dev/secret-version: \"1\"\n", ""));
        assertThat(Files.readString(written)).doesNotContain("secret-version");
        assertThat(secretsCli(stack(twoKeys), Map.of("CLIENT_ID", "a3", "CLIENT_SECRET", "b"), folder, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()).run("secrets", "dev", "--out", secrets.toString())).isZero();
        assertThat(Files.readString(written)).contains(base64("a3")).contains("    kforge.dev/secret-version: \"1\"\n");
    }

    private static Cli secretsCli(Stack stack, Map<String, String> variables, Path folder, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Cli(List.of(new EnvironmentDefinition("dev", () -> stack)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), variables, folder);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
    @Test
    void a_previous_secret_file_read_for_the_version_check_never_shows_its_values() {
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tgr-github\n  annotations:\n    kforge.dev/secret-version: \"3\"\n"
                + "data:\n  CLIENT_SECRET: aHVudGVyMg==\ntype: Opaque\n";

        assertThat(WrittenSecret.read(yaml).orElseThrow()).hasToString("WrittenSecret[version=3, keys=[CLIENT_SECRET]]");
    }
}
