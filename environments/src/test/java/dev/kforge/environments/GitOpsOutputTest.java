package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.EnvironmentFamilyCheck;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.diff.FieldDifference;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.CommittedOutput;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed output is safe to hand to a GitOps pipeline. */
class GitOpsOutputTest {

    @Test
    void no_committed_file_holds_a_secret_with_values() {
        int files = 0;
        for (String environment : List.of("dev", "staging", "prod")) {
            for (Map.Entry<String, String> file : OutputDirectory.read(GoldenOutputTest.OUT.resolve(environment)).entrySet()) {
                files++;
                String content = file.getValue();
                boolean isSecret = content.lines().anyMatch(line -> line.equals("kind: Secret"));
                boolean hasValues = content.lines().anyMatch(line -> line.startsWith("data:") || line.startsWith("stringData:"));
                assertThat(isSecret && hasValues).as(environment + "/" + file.getKey()).isFalse();
                assertThat(content).as(environment + "/" + file.getKey()).doesNotContain("kind: Secret\n");
            }
        }
        assertThat(files).isGreaterThan(30);
    }

    @Test
    void every_object_carries_the_labels_the_pruning_selector_matches() {
        for (TgrProfile profile : TgrProfiles.all()) {
            Stack stack = TgrStack.define(profile);
            assertThat(stack.pruneSelector()).isEqualTo("app.kubernetes.io/instance=tgr-" + profile.environment() + ",app.kubernetes.io/managed-by=kforge");
            for (var object : Renderer.render(stack).objects()) {
                HasMetadata manifest = object.manifest();
                assertThat(manifest.getMetadata().getLabels()).as(manifest.getKind() + " " + manifest.getMetadata().getName())
                        .containsEntry("app.kubernetes.io/instance", "tgr-" + profile.environment())
                        .containsEntry("app.kubernetes.io/managed-by", "kforge")
                        .containsEntry("kforge.dev/environment", profile.environment());
            }
        }
    }

    @Test
    void tgr_environments_differ_only_in_the_fields_their_family_declares() {
        assertThat(Renderer.renderAll(RepositoryEnvironments.all(), RepositoryEnvironments.families(), CommittedOutput.NONE).problems().all())
                .isEmpty();
        // The declaration is not vacuous: staging and prod do differ, in replicas for one.
        List<RenderedEnvironment> rendered = TgrProfiles.all().stream().map(p -> Renderer.render(TgrStack.define(p))).toList();
        assertThat(EnvironmentDiff.between(rendered.get(1), rendered.get(2)))
                .extracting(FieldDifference::path).contains("spec.replicas");
    }

    @Test
    void a_drifted_copy_of_tgr_fails_with_every_undeclared_difference_and_its_declaration() {
        // staging listens elsewhere, and prod alone has a NetworkPolicy.
        List<EnvironmentDefinition> drifted = TgrProfiles.all().stream().map(profile -> new EnvironmentDefinition(profile.environment(), () -> {
            Stack stack = TgrStack.define(profile);
            if (profile == TgrProfiles.STAGING) {
                return stack.replacing(ConfigMapDef.named("tgr-config").withProperty("DEBUG", "false").withProperty("ENV", "staging")
                        .withProperty("HOST", "127.0.0.1").withProperty("PORT", "5000"));
            }
            DeploymentDef tgr = stack.objects().stream().filter(DeploymentDef.class::isInstance).map(DeploymentDef.class::cast)
                    .filter(deployment -> deployment.name().equals("tgr")).findFirst().orElseThrow();
            return profile == TgrProfiles.PROD ? stack.with(NetworkPolicyDef.named("tgr-extra").isolating(tgr)) : stack;
        })).toList();

        List<String> problems = Renderer.renderAll(drifted, RepositoryEnvironments.families(), CommittedOutput.NONE).problems().errors()
                .stream().filter(problem -> problem.check().equals(EnvironmentFamilyCheck.ID)).map(Problem::format).toList();

        assertThat(problems).hasSize(3).anySatisfy(problem -> assertThat(problem).startsWith("staging/ConfigMap tgr-config: differs from dev at data.HOST")
                        .contains("(0.0.0.0 -> 127.0.0.1)", "AllowedDifference.field(Kind.CONFIG_MAP, \"tgr-config\", \"data.HOST\")"))
                .anySatisfy(problem -> assertThat(problem).startsWith("prod/ConfigMap tgr-config: differs from staging at data.HOST"))
                .anySatisfy(problem -> assertThat(problem).startsWith("prod/NetworkPolicy tgr-extra: is in prod and not in staging")
                        .contains("AllowedDifference.presence(Kind.NETWORK_POLICY, \"tgr-extra\")", "[at TgrEnvironments.java:"));
    }

    @Test
    void changing_one_config_value_changes_only_the_checksum_of_the_pods_that_read_it() {
        Stack stack = TgrStack.define(TgrProfiles.PROD);
        Stack changed = stack.replacing(ConfigMapDef.named("tgr-config").withProperty("DEBUG", "true").withProperty("ENV", "prod")
                .withProperty("HOST", "0.0.0.0").withProperty("PORT", "5000"));

        Map<String, String> before = podAnnotations(stack);
        Map<String, String> after = podAnnotations(changed);
        assertThat(before).containsKeys("checksum.kforge.dev/configmap-tgr-config", "checksum.kforge.dev/secret-tgr-github");
        assertThat(after.get("checksum.kforge.dev/configmap-tgr-config")).isNotEqualTo(before.get("checksum.kforge.dev/configmap-tgr-config"));
        assertThat(after.get("checksum.kforge.dev/secret-tgr-github")).isEqualTo(before.get("checksum.kforge.dev/secret-tgr-github"));
        assertThat(podAnnotations(TgrStack.define(TgrProfiles.PROD))).as("stable across renders").isEqualTo(before);

        // The Deployment's own metadata does not change, only its pod template.
        assertThat(deployment(changed).getMetadata()).isEqualTo(deployment(stack).getMetadata());
    }

    @Test
    void bumping_a_secrets_declared_version_changes_its_checksum() {
        Stack stack = TgrStack.define(TgrProfiles.PROD);
        SecretDef github = stack.objects().stream().filter(SecretDef.class::isInstance).map(SecretDef.class::cast)
                .filter(secret -> secret.name().equals("tgr-github")).findFirst().orElseThrow();
        Stack bumped = stack.replacing(github.withVersion("2"));
        assertThat(podAnnotations(bumped).get("checksum.kforge.dev/secret-tgr-github"))
                .isNotEqualTo(podAnnotations(stack).get("checksum.kforge.dev/secret-tgr-github"));
        assertThat(podAnnotations(bumped).get("checksum.kforge.dev/configmap-tgr-config"))
                .isEqualTo(podAnnotations(stack).get("checksum.kforge.dev/configmap-tgr-config"));
    }

    private static Deployment deployment(Stack stack) {
        return Renderer.render(stack).objects().stream().map(o -> o.manifest()).filter(Deployment.class::isInstance)
                .map(Deployment.class::cast).findFirst().orElseThrow();
    }

    private static Map<String, String> podAnnotations(Stack stack) {
        return deployment(stack).getSpec().getTemplate().getMetadata().getAnnotations();
    }
}
