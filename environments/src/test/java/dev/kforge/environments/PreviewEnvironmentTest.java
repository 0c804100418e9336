package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PriorityClassDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A preview environment of one pull request: dev's profile under names of its own, checked with the committed environments. */
class PreviewEnvironmentTest {
    private static final TgrProfile PREVIEW = TgrProfiles.preview("pr-123");

    private static ManifestFile file(RenderedEnvironment environment, String fileName) {
        return environment.files().stream().filter(file -> file.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void a_preview_is_dev_under_its_own_namespace_instance_and_wildcard_host() {
        assertThat(PREVIEW.environment()).isEqualTo("pr-123");
        assertThat(PREVIEW.namespace()).isEqualTo("tgr-pr-123");
        // One wildcard DNS record (*.tgr.example.com) serves every preview.
        assertThat(PREVIEW.host()).isEqualTo("pr-123.tgr.example.com");
        assertThat(PREVIEW.policy()).isEqualTo(TgrProfiles.DEV.policy());
        assertThat(PREVIEW.secrets()).isEqualTo(TgrProfiles.DEV.secrets());
        assertThat(PREVIEW.routing()).isEqualTo(TgrProfiles.DEV.routing());
        assertThat(PREVIEW.debug()).isTrue();
        assertThat(TgrProfiles.DEV.host()).as("dev's host is as it was").isEqualTo("tgr.dev.example.com");
    }

    @Test
    void a_preview_renders_its_own_files_labels_and_prune_selector() {
        Stack stack = TgrStack.define(PREVIEW);
        RenderedEnvironment rendered = Renderer.render(stack);

        assertThat(stack.pruneSelector()).isEqualTo("app.kubernetes.io/instance=tgr-pr-123,app.kubernetes.io/managed-by=kforge");
        assertThat(rendered.files()).extracting(ManifestFile::fileName).containsExactly(
                "10-namespace-tgr-pr-123.yaml",
                "20-serviceaccount-ambassador.yaml",
                "20-serviceaccount-tgr.yaml",
                "21-clusterrole-tgr-pr-123-ambassador-cluster.yaml",
                "21-clusterrole-tgr-pr-123-ambassador.yaml",
                "21-clusterrole-tgr-pr-123-pods-list.yaml",
                "22-clusterrolebinding-tgr-pr-123-ambassador-cluster.yaml",
                "22-rolebinding-ambassador.yaml",
                "22-rolebinding-tgr-pods-list.yaml",
                "30-configmap-tgr-config.yaml",
                "40-service-ambassador-admin.yaml",
                "40-service-ambassador.yaml",
                "40-service-tgr.yaml",
                "45-networkpolicy-ambassador.yaml",
                "45-networkpolicy-tgr.yaml",
                "50-deployment-ambassador.yaml",
                "50-deployment-tgr.yaml",
                "60-ingress-tgr.yaml");
        for (ManifestFile file : rendered.files()) {
            assertThat(file.content()).as(file.fileName())
                    .contains("    app.kubernetes.io/instance: tgr-pr-123\n")
                    .contains("    app.kubernetes.io/managed-by: kforge\n")
                    .contains("    kforge.dev/environment: pr-123\n")
                    .doesNotContain("tgr-dev");
        }
        assertThat(file(rendered, "60-ingress-tgr.yaml").content()).isEqualTo("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: tgr
                  namespace: tgr-pr-123
                  labels:
                    app.kubernetes.io/component: api
                    app.kubernetes.io/instance: tgr-pr-123
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: tgr
                    app.kubernetes.io/part-of: tgr
                    kforge.dev/environment: pr-123
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: pr-123.tgr.example.com
                    http:
                      paths:
                      - backend:
                          service:
                            name: tgr
                            port:
                              name: http
                        path: /
                        pathType: Prefix
                """);
        assertThat(file(rendered, "50-deployment-tgr.yaml").content()).contains("""
                        resources:
                          limits:
                            cpu: 500m
                            memory: 384Mi
                          requests:
                            cpu: 50m
                            memory: 384Mi
                """);
        assertThat(file(rendered, "30-configmap-tgr-config.yaml").content()).contains("  ENV: pr-123\n");
    }

    @Test
    void a_preview_differs_from_dev_only_in_its_cpu_request_and_host() {
        RenderedEnvironment dev = Renderer.render(TgrStack.define(TgrProfiles.DEV));
        RenderedEnvironment preview = Renderer.render(TgrStack.define(PREVIEW));

        // Its ConfigMap's ENV is its own name, which the diff sets aside, and so the pods' checksum of that ConfigMap too.
        assertThat(EnvironmentDiff.between(dev, preview)).extracting(difference -> difference.kind() + " " + difference.name() + " "
                + difference.describe()).containsExactly(
                "Deployment tgr spec.template.spec.containers[tgr].resources.requests.cpu: 100m -> 50m",
                "Ingress tgr spec.rules[0].host: tgr.dev.example.com -> pr-123.tgr.example.com");
    }

    @Test
    void the_longest_preview_name_keeps_its_namespace_a_dns_label() {
        String longest = "pr-" + "1".repeat(56);
        assertThat(TgrProfiles.preview(longest).namespace()).hasSize(63);
        assertThat(Renderer.renderAll(RepositoryEnvironments.withPreview(longest)).problems().all()).isEmpty();
    }

    @Test
    void refuses_a_preview_name_that_is_not_a_dns_label() {
        assertThatThrownBy(() -> TgrProfiles.preview("PR_123"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Preview environment: name \"PR_123\" is invalid: must be a DNS-1123 label (lowercase letters, digits and '-', "
                        + "starting and ending with a letter or digit, at most 63 characters). Try \"pr-123\".");
    }

    @Test
    void refuses_a_preview_name_whose_namespace_would_be_too_long() {
        String name = "pr-" + "1".repeat(57);
        assertThatThrownBy(() -> TgrProfiles.preview(name))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Preview environment: name \"" + name + "\" is 60 characters long; at most 59, as its namespace and instance "
                        + "label tgr-" + name + " must stay within 63. Shorten it, e.g. pr-<number>.");
    }

    @Test
    void refuses_a_preview_named_after_an_environment() {
        for (String taken : List.of("dev", "staging", "prod", "all")) {
            assertThatThrownBy(() -> TgrProfiles.preview(taken))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Preview environment: name \"" + taken + "\" is taken: dev, staging, prod are the committed environments, "
                            + "and all means every one. Name it after its pull request, e.g. pr-123.");
        }
    }

    @Test
    void a_preview_is_checked_with_the_committed_environments() {
        assertThat(RepositoryEnvironments.withPreview("pr-123")).extracting(EnvironmentDefinition::name)
                .containsExactly("dev", "staging", "prod", "pr-123");
        RenderResult result = Renderer.renderAll(RepositoryEnvironments.withPreview("pr-123"));
        assertThat(result.problems().all()).isEmpty();
        assertThat(result.environment("pr-123")).isPresent();
    }

    @Test
    void a_cluster_scoped_name_a_preview_shares_with_dev_is_refused() {
        // Given a cluster-scoped object whose name does not carry the environment's, added to every stack
        List<EnvironmentDefinition> clashing = RepositoryEnvironments.withPreview("pr-123").stream()
                .map(definition -> new EnvironmentDefinition(definition.name(),
                        () -> definition.definition().get().with(PriorityClassDef.named("tgr-api", 1000))))
                .toList();

        // When they are rendered together
        List<Problem> problems = Renderer.renderAll(clashing).problems().errors();

        // Then the preview is refused like staging and prod, naming dev
        assertThat(problems).filteredOn(problem -> problem.environment().equals("pr-123")).singleElement().satisfies(problem ->
                assertThat(problem.format()).contains("PriorityClass tgr-api: is cluster-scoped and environment dev defines the same name")
                        .contains("tgr-pr-123-tgr-api"));
        assertThat(problems).extracting(Problem::environment).containsExactly("staging", "prod", "pr-123");
    }

    @Test
    void the_readmes_teardown_deletes_every_cluster_scoped_kind_by_the_previews_instance_label() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("\n## Preview environments\n");
        assertThat(section).as("README section \"Preview environments\"").isPositive();
        int end = readme.indexOf("\n## ", section + 1);
        String teardown = readme.substring(section, end < 0 ? readme.length() : end).lines()
                .filter(line -> line.startsWith("kubectl delete ")).findFirst().orElseThrow();

        // The Namespace takes every namespaced object with it; the cluster-scoped ones are found by their labels.
        String[] words = teardown.split(" ");
        assertThat(words).hasSize(5);
        assertThat(words[3]).isEqualTo("-l");
        assertThat(words[4]).isEqualTo(TgrStack.define(PREVIEW).pruneSelector());
        List<String> clusterScoped = Kind.builtIns().stream().filter(kind -> kind.scope() == Scope.CLUSTER)
                .map(kind -> kind.kind().toLowerCase(Locale.ROOT)).toList();
        assertThat(words[2].split(",")).as("every cluster-scoped kind the library renders").containsExactlyInAnyOrderElementsOf(clusterScoped);
    }
}
