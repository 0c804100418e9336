package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.pod;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.ProbeDef;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The secret-literal rule where a security review found secrets let through: label values, pod metadata, exec probes and
 * hooks, custom resource bodies and JSON Web Tokens. PolicyChecksTest has env values, ConfigMaps, arguments and annotations.
 */
class SecretLiteralPolicyCheckTest {
    private static final String GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5".repeat(3) + "F6g7H8";
    /** jwt.io's example: public, yet a signed token any server sharing its key accepts. */
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5"
            + "MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static final String WAIVE = " Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").";
    private static final Kind DATABASE = new Kind("db.example.com/v1", "Database", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN);

    @Test
    void a_label_value_holding_a_token_is_reported_on_the_object_and_on_the_pods() {
        assertThat(onlyProblem(() -> stack(deployment().withLabel("token", GITHUB_TOKEN))))
                .isEqualTo("ERROR prod/Deployment web: label token holds a GitHub token, and labels land in git (token). "
                        + "Keep secrets out of labels: put the value in a SecretDef and reference it." + WAIVE);
        assertThat(onlyProblem(() -> stack(deployment().withPodLabel("build", "glpat-" + "x1Y2z3".repeat(4)))))
                .isEqualTo("ERROR prod/Deployment web: pod label build holds a GitLab token, and labels land in git (build). "
                        + "Keep secrets out of labels: put the value in a SecretDef and reference it." + WAIVE);
        // A label's key alone says nothing: label values are names and versions (token: ghp_short is no token).
        assertThat(report(() -> stack(deployment().withLabel("token", "ghp_short").withPodLabel("password-policy", "strong")))).isEmpty();
        assertThat(report(() -> stack(deployment().withLabel("token", GITHUB_TOKEN).waive(PolicyCheck.SECRET_LITERAL, "a revoked token")))).isEmpty();
    }

    @Test
    void a_pod_annotation_is_judged_as_an_annotation_of_the_object() {
        assertThat(onlyProblem(() -> stack(deployment().withPodAnnotation("example.com/db-password", "hunter2"))))
                .isEqualTo("ERROR prod/Deployment web: pod annotation example.com/db-password looks like a secret by its name, and "
                        + "annotations land in git (example.com/db-password). Keep secrets out of annotations: put the value in a SecretDef "
                        + "and reference it." + WAIVE);
        assertThat(report(() -> stack(deployment().withPodAnnotation("nginx.ingress.kubernetes.io/auth-secret", "demo-prod/web-basic-auth")))).isEmpty();
        // Vault's agent injector names the file it writes and the path it reads; Dapr names the Secret holding its API token.
        assertThat(report(() -> stack(deployment().withPodAnnotation("vault.hashicorp.com/agent-inject", "true")
                .withPodAnnotation("vault.hashicorp.com/agent-inject-secret-db-password", "secret/data/tgr/db")
                .withPodAnnotation("vault.hashicorp.com/agent-inject-secret-credentials.txt", "database/creds/tgr")
                .withPodAnnotation("dapr.io/app-token-secret", "dapr-app-token")))).isEmpty();
        assertThat(onlyProblem(() -> stack(deployment().withPodAnnotation("vault.hashicorp.com/agent-inject-secret-db-password", "hunter2"))))
                .startsWith("ERROR prod/Deployment web: pod annotation vault.hashicorp.com/agent-inject-secret-db-password looks like a secret");
        // Helm's idiom to restart pods when a Secret changes: a hash, which the key's prefix names, not the Secret.
        assertThat(report(() -> stack(deployment().withPodAnnotation("checksum/secret",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")))).isEmpty();
    }

    @Test
    void exec_probes_and_pre_stop_commands_are_judged_as_arguments_are() {
        String hint = " Read it from a Secret into a variable, Env.from(\"NAME\", secret.key(\"NAME\")), and let a shell expand it: \"sh\", "
                + "\"-c\", \"... $NAME\" (Kubernetes expands $(NAME) in command and args only).";
        assertThat(onlyProblem(() -> stack(deployment(container().withLivenessProbe(ProbeDef.exec("sh", "-c",
                "curl -fs -H 'Authorization: Bearer " + JWT + "' localhost:8080/health"))))))
                .isEqualTo("ERROR prod/Deployment web: container web has an authorization header's credential in its livenessProbe.exec.command, "
                        + "which lands in git (livenessProbe.exec.command[2])." + hint + WAIVE);
        assertThat(onlyProblem(() -> stack(deployment(container().withReadinessProbe(ProbeDef.exec("sh", "-c", "API_TOKEN=s3cr3t-v4lue /bin/check"))))))
                .isEqualTo("ERROR prod/Deployment web: container web has a literal assigned to API_TOKEN in its readinessProbe.exec.command, "
                        + "which lands in git (readinessProbe.exec.command[2])." + hint + WAIVE);
        assertThat(onlyProblem(() -> stack(deployment(container().withStartupProbe(ProbeDef.exec("/bin/check", "--password", "hunter2"))))))
                .isEqualTo("ERROR prod/Deployment web: container web has a literal passed to --password in its startupProbe.exec.command, "
                        + "which lands in git (startupProbe.exec.command[2])." + hint + WAIVE);
        assertThat(onlyProblem(() -> stack(deployment(container().withPreStop(PreStop.exec("/app/drain", "--token=" + GITHUB_TOKEN))))))
                .isEqualTo("ERROR prod/Deployment web: container web has a GitHub token in its lifecycle.preStop.exec.command, "
                        + "which lands in git (lifecycle.preStop.exec.command[1])." + hint + WAIVE);
        assertThat(report(() -> stack(deployment(container().withEnv(Env.value("LOG_LEVEL", "info"))
                .withLivenessProbe(ProbeDef.exec("sh", "-c", "curl -fs -H \"Authorization: Bearer $API_TOKEN\" localhost:8080/health"))
                .withPreStop(PreStop.exec("/app/drain", "--password-file", "/run/secrets/db")))))).isEmpty();
    }

    @Test
    void an_http_probe_path_is_judged_as_a_value_and_headers_a_raw_edit_adds_by_name_and_value() {
        assertThat(onlyProblem(() -> stack(deployment(container().withLivenessProbe(ProbeDef.httpGet("/healthz?token=abc123def456", HTTP))))))
                .isEqualTo("ERROR prod/Deployment web: container web has a literal assigned to token in its livenessProbe.httpGet.path, which "
                        + "lands in git (livenessProbe.httpGet.path). An HTTP probe cannot read a Secret: let the health endpoint answer "
                        + "without a credential, or probe with a command whose shell reads it from a variable, ProbeDef.exec(\"sh\", \"-c\", "
                        + "\"wget -qO- --header \\\"X-Api-Key: $API_KEY\\\" localhost:8080/health\")." + WAIVE);
        assertThat(onlyProblem(() -> stack(deployment(container().withStartupProbe(ProbeDef.httpGet("/up?access_token=" + JWT, HTTP))))))
                .startsWith("ERROR prod/Deployment web: container web has a JSON Web Token in its startupProbe.httpGet.path");
        assertThat(report(() -> stack(deployment(container().withLivenessProbe(ProbeDef.httpGet("/healthz?verbose=1&token_ttl=30", HTTP))))))
                .isEmpty();
        // Headers only a raw edit writes: a credential by its value or its name is refused, a plain header passes.
        for (String[] header : new String[][] {{"Authorization", "Bearer " + JWT}, {"X-Api-Key", "5f3c9a1b2c3d4e5f6a7b8c9d"}}) {
            assertThat(onlyProblem(() -> stack(deployment().withRawEdit("auth", d -> pod(d).getContainers().get(0).getLivenessProbe().getHttpGet()
                    .setHttpHeaders(List.of(new HTTPHeader(header[0], header[1])))))))
                    .startsWith("ERROR prod/Deployment web: raw edit \"auth\" wrote what looks like a secret into the manifest, which is committed "
                            + "to git (spec.template.spec.containers[web].livenessProbe.httpGet.httpHeaders[" + header[0] + "].value (");
        }
        assertThat(report(() -> stack(deployment().withRawEdit("proxy", d -> pod(d).getContainers().get(0).getReadinessProbe().getHttpGet()
                .setHttpHeaders(List.of(new HTTPHeader("X-Forwarded-Proto", "https"), new HTTPHeader("Host", "tgr.example.com"))))))).isEmpty();
    }

    @Test
    void a_json_web_token_is_a_secret_whatever_its_name() {
        assertThat(onlyProblem(() -> stack(deployment(container().withEnv(Env.value("UPSTREAM_AUTH", JWT))))))
                .isEqualTo("ERROR prod/Deployment web: container web sets UPSTREAM_AUTH to a literal value holding a JSON Web Token, which "
                        + "lands in git (UPSTREAM_AUTH). Declare a SecretDef with that key and use Env.from(\"UPSTREAM_AUTH\", "
                        + "secret.key(\"UPSTREAM_AUTH\"))." + WAIVE);
        assertThat(String.join("\n", report(() -> stack(deployment(container().withEnv(Env.value("UPSTREAM_AUTH", JWT))))))).doesNotContain(JWT);
    }

    @Test
    void a_custom_resource_body_is_judged_field_by_field() {
        Manifest database = Manifest.of(DATABASE, "orders", Map.of("spec", Map.of(
                "auth", Map.of("user", "app", "password", "hunter2"),
                "alerts", List.of(Map.of("url", "https://hooks.slack.com/services/T000/B000/XXXXXXXX")),
                "replicas", 3, "version", "16.4", "passwordSecretRef", Map.of("name", "orders-db", "key", "password"))));
        String hint = " Keep the value in a SecretDef and have the resource read that Secret by name and key, as most custom resources "
                + "can (a secretRef or secretKeyRef field)." + WAIVE;
        assertThat(report(() -> stack(deployment(), database))).containsExactly(
                "ERROR prod/Database orders: field spec.alerts[0].url holds a Slack webhook URL, and custom resources land in git "
                        + "(spec.alerts[0].url)." + hint,
                "ERROR prod/Database orders: field spec.auth.password looks like a secret by its name, and custom resources land in git "
                        + "(spec.auth.password)." + hint);
        assertThat(String.join("\n", report(() -> stack(deployment(), database)))).doesNotContain("hunter2");
        assertThat(report(() -> stack(deployment(), database.waive(PolicyCheck.SECRET_LITERAL, "a throw-away test database")))).isEmpty();
    }

    @Test
    void sealed_ciphertext_and_references_to_secrets_in_custom_resources_are_not_secrets() {
        Manifest sealed = Manifest.of(Kind.SEALED_SECRET, "db", Map.of("spec", Map.of(
                "encryptedData", Map.of("password", "AgBy3i4OJSWK+PiTySYZZA1rO43cGDEq" + "q".repeat(300), "token", "AgCt" + "z".repeat(300)),
                "template", Map.of("metadata", Map.of("name", "db")))));
        Manifest external = Manifest.of(Kind.EXTERNAL_SECRET, "api", Map.of("spec", Map.of(
                "secretStoreRef", Map.of("kind", "ClusterSecretStore", "name", "vault"),
                "target", Map.of("name", "api", "template", Map.of("data", Map.of("DB_PASSWORD", "{{ .password }}"))),
                "data", List.of(Map.of("secretKey", "password", "remoteRef", Map.of("key", "prod/api", "property", "password")),
                        Map.of("secretKey", "api-token", "remoteRef", Map.of("key", "prod/api", "property", "token"))))));
        Manifest tls = Manifest.of(DATABASE, "reports", Map.of("spec", Map.of("tlsSecret", "reports-tls", "secretName", "reports-db",
                "existingSecret", "reports-db", "caSecret", Map.of("name", "reports-ca"))));
        assertThat(report(() -> stack(deployment(), sealed, external, tls))).isEmpty();
        // Operators' fields that name Secret objects: Prometheus' and Alertmanager's secrets to mount and configSecret, Traefik's and
        // Emissary's secret, a chart's pullSecrets and imagePullSecrets given in an Argo CD Application's values.
        Manifest prometheus = Manifest.of(new Kind("monitoring.coreos.com/v1", "Alertmanager", Scope.NAMESPACED, 70,
                Names.Rule.DNS1123_SUBDOMAIN), "main", Map.of("spec", Map.of("secrets", List.of("etcd-certs", "alertmanager.tls"),
                "configSecret", "alertmanager-main-config")));
        Manifest traefik = Manifest.of(DATABASE, "auth", Map.of("spec", Map.of("basicAuth", Map.of("secret", "web-basic-auth"),
                "rootCAsSecrets", List.of("internal-ca"), "helm", Map.of("image", Map.of("pullSecrets", List.of("regcred")),
                        "global", Map.of("imagePullSecrets", List.of("registry1"))))));
        // Kong's KongConsumer lists the Secrets of its credentials.
        Manifest kong = Manifest.of(DATABASE, "alice", Map.of("username", "alice", "credentials", List.of("alice-basic-auth", "alice-key")));
        assertThat(report(() -> stack(deployment(), prometheus, traefik, kong))).isEmpty();
        // Only names: a value that is not one (an upper-case letter, a letter and a digit in one word) is still a secret.
        Manifest literal = Manifest.of(DATABASE, "auth", Map.of("spec", Map.of("basicAuth", Map.of("secret", "s3cr3t-v4lue"),
                "secrets", List.of("Hunter2"), "configSecret", "hunter2", "clientSecret", "welcome-2024", "credentials", "alice-2024")));
        assertThat(report(() -> stack(deployment(), literal))).extracting(problem -> problem.substring(0, problem.indexOf(" looks like")))
                .containsExactly("ERROR prod/Database auth: field spec.basicAuth.secret", "ERROR prod/Database auth: field spec.clientSecret",
                        "ERROR prod/Database auth: field spec.configSecret", "ERROR prod/Database auth: field spec.credentials",
                        "ERROR prod/Database auth: field spec.secrets[0]");
        // Only the key names an ExternalSecret writes are exempt: a literal in its template lands in git as any other.
        Manifest templated = Manifest.of(Kind.EXTERNAL_SECRET, "api", Map.of("spec", Map.of(
                "target", Map.of("template", Map.of("data", Map.of("DB_PASSWORD", "hunter2"))))));
        assertThat(onlyProblem(() -> stack(deployment(), templated)))
                .startsWith("ERROR prod/ExternalSecret api: field spec.target.template.data.DB_PASSWORD looks like a secret by its name");
    }
}
