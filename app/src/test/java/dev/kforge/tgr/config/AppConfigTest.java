package dev.kforge.tgr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.tgr.TgrContract;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {

    @Test
    void an_empty_environment_gives_the_documented_defaults() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(TgrContract.DEFAULT_PORT);
        assertThat(config.environment()).isEqualTo("dev");
        assertThat(config.debug()).isFalse();
        assertThat(config.githubApiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(config.credentials()).isEqualTo(new GitHubCredentials.Anonymous());
        assertThat(config.pod()).isEqualTo(PodInfo.none());
        assertThat(config.kubernetes().inCluster()).isFalse();
        assertThat(config.tuning().drainDelay()).isEqualTo(Duration.ZERO);
    }

    @Test
    void reads_every_variable_of_the_workshops_deployment() {
        Map<String, String> env = new HashMap<>();
        env.put("CLIENT_ID", "Iv1.abc");
        env.put("CLIENT_SECRET", "s3cret");
        env.put("ENV", "prod");
        env.put("DEBUG", "False");
        env.put("HOST", "0.0.0.0");
        env.put("PORT", "5000");
        env.put("GITHUB_API_URL", "https://ghe.example.com/api/v3/");
        env.put("POD_NAME", "tgr-8d78d599f-pt5xx");
        env.put("POD_NAMESPACE", "default");
        env.put("NODE_NAME", "gke-kubia-default-pool-32a2cac8-sgl7");
        env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        env.put("KUBERNETES_SERVICE_PORT", "443");

        AppConfig config = AppConfig.fromEnvironment(env);

        assertThat(config.credentials()).isEqualTo(new GitHubCredentials.OAuthApp("Iv1.abc", "s3cret"));
        assertThat(config.environment()).isEqualTo("prod");
        assertThat(config.debug()).isFalse();
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.githubApiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(config.pod()).isEqualTo(new PodInfo(Optional.of("tgr-8d78d599f-pt5xx"), Optional.of("default"),
                Optional.of("gke-kubia-default-pool-32a2cac8-sgl7")));
        assertThat(config.kubernetes().apiServer()).contains(URI.create("https://10.96.0.1:443"));
        assertThat(config.kubernetes().serviceAccountDir()).isEqualTo(KubernetesSettings.DEFAULT_SERVICE_ACCOUNT_DIR);
        assertThat(config.tuning().drainDelay()).isEqualTo(Tuning.IN_CLUSTER_DRAIN_DELAY);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "1,true", "yes,true", "on,true", "False,false", "0,false", "no,false", "off,false"})
    void debug_accepts_the_usual_boolean_spellings(String raw, boolean expected) {
        assertThat(AppConfig.fromEnvironment(Map.of("DEBUG", raw)).debug()).isEqualTo(expected);
    }

    @Test
    void the_token_wins_over_oauth_app_credentials_and_surrounding_whitespace_is_ignored() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("GITHUB_TOKEN", "  ghp_abc\n", "CLIENT_ID", "id",
                "CLIENT_SECRET", "secret"));

        assertThat(config.credentials()).isEqualTo(new GitHubCredentials.Token("ghp_abc"));
    }

    @ParameterizedTest
    @CsvSource({"0.0.0.0", "127.0.0.1", "::", "::1", "[::1]", "fd00::10", "localhost", "tgr-8d78d599f-pt5xx", "tgr.example.com"})
    void accepts_ip_addresses_and_host_names_to_bind(String host) {
        assertThat(AppConfig.fromEnvironment(Map.of("HOST", host)).host()).isEqualTo(host);
    }

    @Test
    void brackets_an_ipv6_api_server_address() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1",
                "KUBERNETES_SERVICE_PORT", "6443"));

        assertThat(config.kubernetes().apiServer()).contains(URI.create("https://[fd00::1]:6443"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT|abc|PORT=\"abc\" is not a valid port: expected an integer from 1 to 65535",
        "PORT|70000|PORT=\"70000\" is out of range: expected an integer from 1 to 65535",
        "PORT|0|PORT=\"0\" is out of range: expected an integer from 1 to 65535",
        "DEBUG|maybe|DEBUG=\"maybe\" is not a boolean: expected true or false (also accepted: 1/0, yes/no, on/off)",
        "HOST|my host|HOST=\"my host\" is not a valid bind address: expected an IP address or host name such as 0.0.0.0",
        "HOST|::1::2|HOST=\"::1::2\" is not a valid bind address: expected an IP address or host name such as 0.0.0.0",
        "HOST|10.0.0.256|HOST=\"10.0.0.256\" is not a valid bind address: expected an IP address or host name such as 0.0.0.0",
        "HOST|0.0.0|HOST=\"0.0.0\" is not a valid bind address: expected an IP address or host name such as 0.0.0.0",
        "HOST|-tgr.example|HOST=\"-tgr.example\" is not a valid bind address: expected an IP address or host name such as 0.0.0.0",
        "HOST|http://0.0.0.0|HOST=\"http://0.0.0.0\" is not a valid bind address: expected an IP address or host name such as 0.0.0.0",
        "ENV|pro d|ENV=\"pro d\" is not a valid environment name: expected 1 to 63 letters, digits, '-', '_' or '.'",
        "GITHUB_API_URL|not a url|GITHUB_API_URL=\"not a url\" is not a valid URL: expected an absolute http or https URL such as https://api.github.com (GitHub Enterprise: https://HOST/api/v3)",
        "GITHUB_API_URL|ftp://api.github.com|GITHUB_API_URL=\"ftp://api.github.com\" is not a valid URL: expected an absolute http or https URL such as https://api.github.com (GitHub Enterprise: https://HOST/api/v3)",
        "GITHUB_API_URL|api.github.com|GITHUB_API_URL=\"api.github.com\" is not a valid URL: expected an absolute http or https URL such as https://api.github.com (GitHub Enterprise: https://HOST/api/v3)",
        "GITHUB_API_URL|https://api.github.com?x=1|GITHUB_API_URL=\"https://api.github.com?x=1\" must not have a query or fragment: expected an absolute http or https URL such as https://api.github.com (GitHub Enterprise: https://HOST/api/v3)",
        "KUBERNETES_SERVICE_PORT|https|KUBERNETES_SERVICE_PORT=\"https\" is not a valid port: expected an integer from 1 to 65535",
    })
    void rejects_an_invalid_value_naming_the_variable_and_the_problem(String name, String value, String message) {
        Map<String, String> env = new HashMap<>(Map.of(name, value));
        if (name.startsWith("KUBERNETES_SERVICE_PORT")) {
            env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        }

        assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration: " + message);
    }

    @Test
    void reports_every_invalid_variable_at_once() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "abc", "DEBUG", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration: PORT=\"abc\" is not a valid port: expected an integer from 1 to 65535; "
                        + "DEBUG=\"maybe\" is not a boolean: expected true or false (also accepted: 1/0, yes/no, on/off)")
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
    }

    @Test
    void rejects_half_of_an_oauth_app_without_showing_the_half_that_is_set() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CLIENT_SECRET", "s3cret-value")))
                .hasMessage("Invalid configuration: CLIENT_SECRET is set but CLIENT_ID is not: set both (a GitHub OAuth app) or neither")
                .message().doesNotContain("s3cret-value");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CLIENT_ID", "Iv1.abc")))
                .hasMessage("Invalid configuration: CLIENT_ID is set but CLIENT_SECRET is not: set both (a GitHub OAuth app) or neither");
    }

    @Test
    void rejects_credentials_in_the_api_url_without_echoing_them() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GITHUB_API_URL", "https://me:hunter2@ghe.example.com/api/v3")))
                .hasMessage("Invalid configuration: GITHUB_API_URL must not contain credentials (user:password@): "
                        + "use GITHUB_TOKEN or CLIENT_ID/CLIENT_SECRET")
                .message().doesNotContain("hunter2");
    }

    @Test
    void rejects_a_token_with_inner_whitespace_without_echoing_it() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GITHUB_TOKEN", "ghp_one ghp_two")))
                .hasMessage("Invalid configuration: GITHUB_TOKEN contains whitespace: expected a single token")
                .message().doesNotContain("ghp_one");
    }

    @Test
    void shortens_and_escapes_a_huge_or_multiline_value_in_the_message() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "1\n" + "9".repeat(500))))
                .message()
                .startsWith("Invalid configuration: PORT=\"1\\u000a999")
                .contains("...\" is not a valid port")
                .hasSizeLessThan(250);
    }
}
