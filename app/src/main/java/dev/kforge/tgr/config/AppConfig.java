package dev.kforge.tgr.config;

import static dev.kforge.tgr.TgrContract.DEFAULT_PORT;
import static dev.kforge.tgr.TgrContract.ENV_CLIENT_ID;
import static dev.kforge.tgr.TgrContract.ENV_CLIENT_SECRET;
import static dev.kforge.tgr.TgrContract.ENV_DEBUG;
import static dev.kforge.tgr.TgrContract.ENV_ENV;
import static dev.kforge.tgr.TgrContract.ENV_GITHUB_API_URL;
import static dev.kforge.tgr.TgrContract.ENV_GITHUB_TOKEN;
import static dev.kforge.tgr.TgrContract.ENV_HOST;
import static dev.kforge.tgr.TgrContract.ENV_NODE_NAME;
import static dev.kforge.tgr.TgrContract.ENV_POD_NAME;
import static dev.kforge.tgr.TgrContract.ENV_POD_NAMESPACE;
import static dev.kforge.tgr.TgrContract.ENV_PORT;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole configuration of one service instance. {@link #fromEnvironment(Map)} reads it from environment
 * variables (names in {@link dev.kforge.tgr.TgrContract}); tests build it from a map or directly.
 * {@code toString} never shows credential values.
 */
public record AppConfig(
        String host,
        int port,
        String environment,
        boolean debug,
        URI githubApiUrl,
        GitHubCredentials credentials,
        PodInfo pod,
        KubernetesSettings kubernetes,
        Tuning tuning) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final URI DEFAULT_GITHUB_API_URL = URI.create("https://api.github.com");

    /** Set by the kubelet in every container; the pair locates the API server. */
    static final String ENV_KUBERNETES_SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
    static final String ENV_KUBERNETES_SERVICE_PORT = "KUBERNETES_SERVICE_PORT";

    private static final Pattern ENVIRONMENT_PATTERN = Pattern.compile("[A-Za-z0-9_.\\-]{1,63}");
    private static final int MAX_ECHO = 80;

    /** A configuration for tests: everything default, bound to 127.0.0.1 on an ephemeral port. */
    public static AppConfig forTests(URI githubApiUrl) {
        return new AppConfig("127.0.0.1", 0, "test", false, githubApiUrl, new GitHubCredentials.Anonymous(),
                PodInfo.none(), KubernetesSettings.notInCluster(), Tuning.defaults());
    }

    public AppConfig withCredentials(GitHubCredentials value) {
        return new AppConfig(host, port, environment, debug, githubApiUrl, value, pod, kubernetes, tuning);
    }

    public AppConfig withPod(PodInfo value) {
        return new AppConfig(host, port, environment, debug, githubApiUrl, credentials, value, kubernetes, tuning);
    }

    public AppConfig withKubernetes(KubernetesSettings value) {
        return new AppConfig(host, port, environment, debug, githubApiUrl, credentials, pod, value, tuning);
    }

    public AppConfig withTuning(Tuning value) {
        return new AppConfig(host, port, environment, debug, githubApiUrl, credentials, pod, kubernetes, value);
    }

    /**
     * Reads the configuration from environment variables. Empty values count as unset.
     *
     * @throws ConfigException naming every invalid variable and what is wrong with its value
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();

        String host = value(env, ENV_HOST).orElse(DEFAULT_HOST);
        if (!BindHost.isValid(host)) {
            problems.add(ENV_HOST + "=" + echo(host)
                    + " is not a valid bind address: expected an IP address or host name such as 0.0.0.0");
        }

        int port = value(env, ENV_PORT).map(v -> parsePort(ENV_PORT, v, problems)).orElse(DEFAULT_PORT);

        String environment = value(env, ENV_ENV).orElse(DEFAULT_ENVIRONMENT);
        if (!ENVIRONMENT_PATTERN.matcher(environment).matches()) {
            problems.add(ENV_ENV + "=" + echo(environment)
                    + " is not a valid environment name: expected 1 to 63 letters, digits, '-', '_' or '.'");
        }

        boolean debug = value(env, ENV_DEBUG).map(v -> parseBoolean(v, problems)).orElse(false);

        URI githubApiUrl = value(env, ENV_GITHUB_API_URL).map(v -> parseApiUrl(v, problems))
                .orElse(DEFAULT_GITHUB_API_URL);

        GitHubCredentials credentials = parseCredentials(env, problems);

        PodInfo pod = new PodInfo(value(env, ENV_POD_NAME), value(env, ENV_POD_NAMESPACE), value(env, ENV_NODE_NAME));

        KubernetesSettings kubernetes = parseKubernetes(env, problems);

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Tuning tuning = Tuning.defaults()
                .withDrainDelay(kubernetes.inCluster() ? Tuning.IN_CLUSTER_DRAIN_DELAY : java.time.Duration.ZERO);
        return new AppConfig(host, port, environment, debug, githubApiUrl, credentials, pod, kubernetes, tuning);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(raw.strip());
    }

    private static int parsePort(String name, String raw, List<String> problems) {
        int port;
        try {
            port = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            problems.add(name + "=" + echo(raw) + " is not a valid port: expected an integer from 1 to 65535");
            return -1;
        }
        if (port < 1 || port > 65535) {
            problems.add(name + "=" + echo(raw) + " is out of range: expected an integer from 1 to 65535");
        }
        return port;
    }

    private static boolean parseBoolean(String raw, List<String> problems) {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                problems.add(ENV_DEBUG + "=" + echo(raw)
                        + " is not a boolean: expected true or false (also accepted: 1/0, yes/no, on/off)");
                return false;
        }
    }

    private static URI parseApiUrl(String raw, List<String> problems) {
        String expected = "expected an absolute http or https URL such as " + DEFAULT_GITHUB_API_URL
                + " (GitHub Enterprise: https://HOST/api/v3)";
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            problems.add(ENV_GITHUB_API_URL + "=" + echo(raw) + " is not a valid URL: " + expected);
            return DEFAULT_GITHUB_API_URL;
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo this value: it carries a password.
            problems.add(ENV_GITHUB_API_URL + " must not contain credentials (user:password@): use "
                    + ENV_GITHUB_TOKEN + " or " + ENV_CLIENT_ID + "/" + ENV_CLIENT_SECRET);
            return DEFAULT_GITHUB_API_URL;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            problems.add(ENV_GITHUB_API_URL + "=" + echo(raw) + " is not a valid URL: " + expected);
            return DEFAULT_GITHUB_API_URL;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(ENV_GITHUB_API_URL + "=" + echo(raw) + " must not have a query or fragment: " + expected);
            return DEFAULT_GITHUB_API_URL;
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static GitHubCredentials parseCredentials(Map<String, String> env, List<String> problems) {
        Optional<String> token = value(env, ENV_GITHUB_TOKEN);
        Optional<String> clientId = value(env, ENV_CLIENT_ID);
        Optional<String> clientSecret = value(env, ENV_CLIENT_SECRET);
        // Values are never echoed: they are secrets.
        if (token.isPresent()) {
            if (containsWhitespace(token.get())) {
                problems.add(ENV_GITHUB_TOKEN + " contains whitespace: expected a single token");
            }
            return new GitHubCredentials.Token(token.get());
        }
        if (clientId.isPresent() != clientSecret.isPresent()) {
            String set = clientId.isPresent() ? ENV_CLIENT_ID : ENV_CLIENT_SECRET;
            String missing = clientId.isPresent() ? ENV_CLIENT_SECRET : ENV_CLIENT_ID;
            problems.add(set + " is set but " + missing + " is not: set both (a GitHub OAuth app) or neither");
            return new GitHubCredentials.Anonymous();
        }
        if (clientId.isPresent()) {
            if (clientId.get().contains(":")) {
                problems.add(ENV_CLIENT_ID + " contains ':': expected a GitHub OAuth app client id");
            }
            return new GitHubCredentials.OAuthApp(clientId.get(), clientSecret.get());
        }
        return new GitHubCredentials.Anonymous();
    }

    private static KubernetesSettings parseKubernetes(Map<String, String> env, List<String> problems) {
        Optional<String> host = value(env, ENV_KUBERNETES_SERVICE_HOST);
        if (host.isEmpty()) {
            return KubernetesSettings.notInCluster();
        }
        int known = problems.size();
        int port = value(env, ENV_KUBERNETES_SERVICE_PORT)
                .map(v -> parsePort(ENV_KUBERNETES_SERVICE_PORT, v, problems)).orElse(443);
        if (problems.size() > known) {
            return KubernetesSettings.notInCluster();
        }
        String h = host.get();
        String authority = (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
        try {
            URI uri = new URI("https://" + authority);
            if (uri.getHost() == null) {
                throw new URISyntaxException(authority, "no host");
            }
            return new KubernetesSettings(Optional.of(uri), KubernetesSettings.DEFAULT_SERVICE_ACCOUNT_DIR);
        } catch (URISyntaxException e) {
            problems.add(ENV_KUBERNETES_SERVICE_HOST + "=" + echo(h) + " is not a valid host name or IP address");
            return KubernetesSettings.notInCluster();
        }
    }

    private static boolean containsWhitespace(String s) {
        return s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /** Quotes a user-supplied value for an error message, shortened so a huge value cannot flood a log. */
    static String echo(String raw) {
        String shown = raw.length() > MAX_ECHO ? raw.substring(0, MAX_ECHO) + "..." : raw;
        StringBuilder sb = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }

    /** A one-line, log-safe summary (no credential values). */
    public String describe() {
        return "host=" + host + " port=" + port + " env=" + environment + " debug=" + debug
                + " github=" + githubApiUrl + " credentials=" + credentials.describe()
                + " kubernetes=" + kubernetes.apiServer().map(URI::toString).orElse("not in cluster");
    }
}
