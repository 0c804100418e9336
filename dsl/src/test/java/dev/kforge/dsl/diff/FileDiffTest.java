package dev.kforge.dsl.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileDiffTest {

    @Test
    void lists_each_differing_field_with_both_values_in_path_order() {
        String committed = "kind: Deployment\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: api\n        image: tgr:1.0\n";
        String rendered = "kind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: api\n        image: tgr:1.1\n"
                + "  paused: true\n";

        assertThat(FileDiff.between(committed, rendered)).containsExactly(
                "spec.paused: absent -> true",
                "spec.replicas: 2 -> 3",
                "spec.template.spec.containers[api].image: tgr:1.0 -> tgr:1.1");
    }

    @Test
    void redacts_values_that_look_like_secrets_by_name_or_content_as_ci_logs_keep_them() {
        String committed = "data:\n  LOG_LEVEL: info\n";
        String rendered = "data:\n  LOG_LEVEL: debug\n  DATABASE_URL: postgres://app:hunter2@db:5432/app\n  API_TOKEN: dev-tok-123456\n"
                + "spec:\n  template:\n    spec:\n      containers:\n      - name: api\n        env:\n        - name: CLIENT_SECRET\n          value: s3cr3t\n";

        assertThat(FileDiff.between(committed, rendered)).containsExactly(
                "data.API_TOKEN: absent -> <redacted, 14 characters>",
                "data.DATABASE_URL: absent -> <redacted, 34 characters>",
                "data.LOG_LEVEL: info -> debug",
                "spec.template.spec.containers[api].env[CLIENT_SECRET].name: absent -> CLIENT_SECRET",
                "spec.template.spec.containers[api].env[CLIENT_SECRET].value: absent -> <redacted, 6 characters>",
                "spec.template.spec.containers[api].name: absent -> api");
        FieldDifference difference = new FieldDifference("ConfigMap", "cfg", "data.API_TOKEN", java.util.Optional.of("<env>-tok-1"),
                java.util.Optional.empty());
        assertThat(difference.describe()).isEqualTo("data.API_TOKEN: <redacted, 11 characters> -> absent");
    }

    @Test
    void redacts_the_argument_after_a_secret_named_flag() {
        String committed = "spec:\n  containers:\n  - name: api\n    args:\n    - --log=info\n";
        String rendered = "spec:\n  containers:\n  - name: api\n    args:\n    - --password\n    - argPassA1\n";

        assertThat(FileDiff.between(committed, rendered)).containsExactly(
                "spec.containers[api].args[0]: --log=info -> --password",
                "spec.containers[api].args[1]: absent -> <redacted, 9 characters>");
    }

    @Test
    void redacts_secret_files_shell_flags_and_the_argument_after_a_commands_flag() {
        String committed = "data:\n  LOG: info\n";
        String rendered = "data:\n  LOG: info\n  password.txt: hunter2prodvalue\nspec:\n  containers:\n  - name: api\n"
                + "    command:\n    - sh\n    - -c\n    - exec app --password Sup3rProdPw\n    - --db-password\n    args:\n    - Zq9ProdArgPw\n";

        assertThat(String.join("\n", FileDiff.between(committed, rendered)))
                .doesNotContain("hunter2prodvalue").doesNotContain("Sup3rProdPw").doesNotContain("Zq9ProdArgPw")
                .contains("data.password.txt: absent -> <redacted, 16 characters>")
                .contains("spec.containers[api].args[0]: absent -> <redacted, 12 characters>");
    }

    @Test
    void shortens_long_values_and_shows_their_line_breaks() {
        String committed = "data:\n  notes: |\n    first line\n    second line that goes on and on and on and on and on and on and on\n";
        String rendered = "data:\n  notes: short\n";

        assertThat(FileDiff.between(committed, rendered)).containsExactly(
                "data.notes: first line\\nsecond line that goes on and on and on and on... -> short");
    }

    @Test
    void a_value_of_another_type_is_a_difference_with_both_types() {
        // DEBUG: true in a committed ConfigMap (a boolean, which the API server refuses in data) was "same fields, other text".
        String committed = "data:\n  DEBUG: true\n  PORT: 5000\n  HOST: 0.0.0.0\n";
        String rendered = "data:\n  DEBUG: \"true\"\n  PORT: \"5000\"\n  HOST: 0.0.0.0\n";

        assertThat(FileDiff.between(committed, rendered)).containsExactly(
                "data.DEBUG: true (boolean) -> true (string)",
                "data.PORT: 5000 (number) -> 5000 (string)");
        assertThat(FileDiff.between("a: 1 # a comment\n", "a: 1\n")).isEmpty();
        assertThat(FileDiff.between("containers:\n- name: api\n  env:\n  - name: PORT\n    value: 5000\n",
                "containers:\n- name: api\n  env:\n  - name: PORT\n    value: \"5000\"\n"))
                .containsExactly("containers[api].env[PORT].value: 5000 (number) -> 5000 (string)");
    }

    @Test
    void a_text_that_is_not_yaml_differs_as_a_whole_and_equal_trees_have_no_difference() {
        assertThat(FileDiff.between("kind: [unclosed\n", "kind: ConfigMap\n"))
                .containsExactly("(the whole file: the committed text is not YAML)");
        assertThat(FileDiff.between("a: 1\nb: 2\n", "b: 2\na: 1\n")).isEmpty();
    }
}
