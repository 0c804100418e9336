package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The secret heuristics against a corpus of ordinary settings (never flagged) and real secrets (always flagged). */
class SecretPatternsTest {

    @Test
    void names_whose_last_word_is_a_secret_word_are_secret_looking() {
        for (String name : new String[] {"CLIENT_SECRET", "github-token", "db_Password", "dbPassword", "API_KEY", "signing.keys",
                "STRIPE_APIKEY", "AUTHTOKEN", "SSH_PRIVATEKEY", "AWS_SECRET_ACCESS_KEY", "GOOGLE_CREDENTIALS", "SECRET_KEY_BASE",
                "REDIS_PASS", "RABBITMQ_DEFAULT_PASS", "MYSQL_PWD", "HTTP_Passwd", "requirepass", "SSH_KEY"}) {
            assertThat(SecretPatterns.namesASecret(name, "s3cr3t-v4lue")).as(name).isTrue();
        }
    }

    @Test
    void pointers_settings_public_parts_and_look_alike_words_are_not() {
        for (String name : new String[] {"KEYCLOAK_URL", "MONKEY_MODE", "HOTKEYS", "LOG_LEVEL", "MAX_TOKENS", "TOKEN_URL", "SECRET_NAME",
                "KEY_FILE", "PASSWORD_MIN_LENGTH", "tokenizer.json", "passwordless.enabled", "credentials.file", "TOKEN_AUDIENCE",
                "TOKEN_ISSUER", "REFRESH_TOKEN_TTL_SECONDS", "PASSWORD_POLICY", "PASSWORD_HASH_ROUNDS", "SECRET_STORE", "SECRETS_BACKEND",
                "CREDENTIALS_PROVIDER", "GITHUB_TOKEN_SCOPE", "API_KEY_ID", "KEY_ID", "KMS_KEY_ARN", "PARTITION_KEY", "SORT_KEY",
                "PUBLIC_KEY", "SSH_PUBLIC_KEY", "EXISTING_SECRET", "key", "BYPASS", "COMPASS_URL"}) {
            assertThat(SecretPatterns.namesASecret(name, "s3cr3t-v4lue")).as(name).isFalse();
        }
    }

    @Test
    void values_that_cannot_be_secrets_are_not() {
        for (String value : new String[] {"", "  ", "/var/run/secrets/gcp/key.json", "$(PASSWORD_FROM_SECRET)", "${API_TOKEN:-}",
                "$API_TOKEN", "{{ .Values.db.password }}", "yes", "no", "true", "False", "null", "~", "4096", "{}", "[]",
                "{\"type\": \"string\"}", "Password"}) {
            assertThat(SecretPatterns.namesASecret("DB_PASSWORD", value)).as(value).isFalse();
        }
        assertThat(SecretPatterns.namesASecret("DB_PASSWORD", "/Xk9#abc")).isTrue();
        assertThat(SecretPatterns.namesASecret("DB_PASSWORD", "[bracketA1")).isTrue();
        assertThat(SecretPatterns.namesASecret("DB_PASSWORD", "12345678")).isTrue();
    }

    @Test
    void finds_credentials_in_urls_unless_they_are_variable_references() {
        assertThat(SecretPatterns.secretIn("postgres://admin:hunter2@db:5432/app")).contains("a URL with a password");
        assertThat(SecretPatterns.secretIn("see https://example.com then redis://:s3cret@cache:6379")).contains("a URL with a password");
        assertThat(SecretPatterns.secretIn("https://0123456789abcdef0123456789abcdef@o0.ingest.sentry.io/0")).contains("a URL with a key as its user");
        assertThat(SecretPatterns.secretIn("https://hooks.slack.com/services/T000/B000/XXXXXXXX")).contains("a Slack webhook URL");
        assertThat(SecretPatterns.secretIn("postgres://admin:$(DB_PASSWORD)@db/app")).isEmpty();
        assertThat(SecretPatterns.secretIn("postgres://admin@db:5432/app")).isEmpty();
        assertThat(SecretPatterns.secretIn("https://example.com:8443/path?user=a:b@c")).isEmpty();
        assertThat(SecretPatterns.secretIn("redis://redis:6379/0")).isEmpty();
    }

    @Test
    void finds_literals_assigned_to_secret_named_keys() {
        assertThat(SecretPatterns.secretIn("spring.datasource.url=jdbc:x\nspring.datasource.password=hunter2\n"))
                .contains("a literal assigned to spring.datasource.password");
        assertThat(SecretPatterns.secretIn("upstream:\n  token: abc123\n")).contains("a literal assigned to token");
        assertThat(SecretPatterns.secretIn("jdbc:postgresql://db/app?user=app&password=hunter2")).contains("a literal assigned to password");
        assertThat(SecretPatterns.secretIn("{\"apiKey\": \"abc\"}")).contains("a literal assigned to apiKey");
        assertThat(SecretPatterns.secretIn("--db-password=hunter2")).contains("a literal assigned to --db-password");
        for (String config : new String[] {"db.password = hunter2", "admin_password = admin123", "password = \"hunter2\"", "password =hunter2",
                "pass=hunter2", "requirepass hunter2", "HTTP_Passwd hunter2"}) {
            assertThat(SecretPatterns.secretIn(config)).as(config).isPresent();
        }
        for (String config : new String[] {"db:\n  password:\n    yamlPassA1\n", "<config><password>xmlPassA1</password></config>",
                "machine h login bob password p\n"}) {
            assertThat(SecretPatterns.secretIn(config)).as(config).isPresent();
        }
        assertThat(SecretPatterns.secretIn("<password></password><passwordHint>8 letters</passwordHint>")).isEmpty();
        assertThat(SecretPatterns.secretIn("password:\n  - a\n")).isEmpty();
        assertThat(SecretPatterns.secretIn("proxy_set_header Authorization \"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0\";"))
                .contains("an authorization header's credential");
        assertThat(SecretPatterns.secretIn("npm_" + "a".repeat(36))).contains("an npm token");
    }

    @Test
    void leaves_ordinary_configuration_alone() {
        for (String config : new String[] {
                "password: ${DB_PASSWORD}\ntoken_url: https://github.com/login\nkey_file: /etc/key",
                "password:\n  file: /run/secrets/db", "db.password=/run/secrets/db-password", "max_tokens=4096 timeout=30s",
                "env:\n- name: DB\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: password\n",
                "tolerations:\n- key: node-role.kubernetes.io/control-plane\n  effect: NoSchedule\n",
                "matchExpressions:\n- key: app.kubernetes.io/name\n  operator: In\n", "existingSecret: db", "secretName: tls-cert",
                "password_policy: strong", "automountServiceAccountToken: false", "login.password=Password",
                "{\"login\": {\"password\": \"Password\", \"passwordHint\": \"At least 8 characters\"}}",
                "{\"password\": {\"type\": \"string\"}, \"credentials\": {}}", "{\"password\": null}", "token: ~", "secret: true",
                "?sort_key=name", "--feature-gates=TokenRequest=true", "--key=tenant", "--keys=a,b", "TOKEN=\"${API_TOKEN:-}\"",
                "--token=\"${API_TOKEN:?missing}\"", "password: {{ .Values.db.password }}",
                "proxy_set_header Authorization $http_authorization;", "auth: {type: basic}", "token_endpoint: https://id.example.com/token",
                "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75", "-Dspring.profiles.active=prod", "ghp_short", "sha256:" + "0".repeat(64),
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "eyJhbGciOiJub25lIn0=", "AKIAIOSFODNN7EXAMPLEX"}) {
            assertThat(SecretPatterns.secretIn(config)).as(config).isEmpty();
        }
    }

    @Test
    void finds_tokens_in_the_formats_their_issuers_use() {
        assertThat(SecretPatterns.secretIn("ghp_" + "a".repeat(36))).contains("a GitHub token");
        assertThat(SecretPatterns.secretIn("github_pat_" + "A1".repeat(20))).contains("a GitHub token");
        assertThat(SecretPatterns.secretIn("AKIAIOSFODNN7EXAMPLE")).contains("an AWS access key id");
        assertThat(SecretPatterns.secretIn("xoxb-1234567890-abcdef")).contains("a Slack token");
        assertThat(SecretPatterns.secretIn("AIza" + "B".repeat(35))).contains("a Google API key");
        assertThat(SecretPatterns.secretIn("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----")).contains("a private key");
        assertThat(SecretPatterns.secretIn("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF...")).contains("a private key");
        assertThat(SecretPatterns.secretIn("xghp_" + "a".repeat(36))).isEmpty();
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assertThat(SecretPatterns.secretIn(jwt)).contains("a JSON Web Token");
        assertThat(SecretPatterns.secretIn("token=" + jwt)).isPresent();
        assertThat(SecretPatterns.secretIn("{\"id_token\": \"" + jwt + "\"}")).isPresent();
        // Two parts, an unsigned token, a short signature, or a longer word ending in eyJ: no signed token.
        for (String notSigned : new String[] {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", "eyJ.eyJ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6y", "keyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P",
                "eyJhbGciOiJIUzI1NiJ9.version.SflKxwRJSMeKKF2QT4fwpMeJf36POk6y"}) {
            assertThat(SecretPatterns.secretIn(notSigned)).as(notSigned).isEmpty();
        }
    }

    @Test
    void file_keys_old_values_and_shell_strings() {
        assertThat(SecretPatterns.namesASecret("password.txt", "hunter2prodvalue")).isTrue();
        assertThat(SecretPatterns.namesASecret("credentials.json", "{\"type\": \"service_account\", \"private_key\": \"x\"")).isTrue();
        assertThat(SecretPatterns.namesASecret("DB_PASS_OLD", "hunter2")).isTrue();
        assertThat(SecretPatterns.namesASecret("tokenizer.json", "{}")).isFalse();
        assertThat(SecretPatterns.secretIn("exec app --password Sup3rProdPw")).contains("a literal passed to --password");
        assertThat(SecretPatterns.secretIn("exec app --password $(DB_PASSWORD)")).isEmpty();
        assertThat(SecretPatterns.secretIn("exec app --log-level debug")).isEmpty();
    }

    @Test
    void a_flag_and_the_argument_after_it() {
        assertThat(SecretPatterns.secretAfterFlag("--password", "hunter2")).contains("a literal passed to --password");
        assertThat(SecretPatterns.secretAfterFlag("--password", "$(DB_PASSWORD)")).isEmpty();
        assertThat(SecretPatterns.secretAfterFlag("--password-file", "/run/secrets/db")).isEmpty();
        assertThat(SecretPatterns.secretAfterFlag("--log-level", "debug")).isEmpty();
    }

    @Test
    void names_of_secrets_public_keys_hashes_and_resource_names_are_not_secrets() {
        // An annotation naming a Secret object; the same words as a value elsewhere are a value.
        assertThat(SecretPatterns.hidesSecret("metadata.annotations.nginx.ingress.kubernetes.io/auth-secret", "demo-prod/web-basic-auth")).isFalse();
        for (String[] named : new String[][] {{"JWT_SECRET", "your-256-bit-secret"}, {"CLIENT_SECRET", "welcome-2024"},
                {"SESSION_SECRET", "correct-horse-battery-staple"}, {"CLIENT_SECRET", "s3cr3t-v4lue"}, {"DIGEST_AUTH_PASSWORD", "Hunter2!plain"},
                {"DB_PASSWORD", "%%env_X%%Hunter2"}}) {
            assertThat(SecretPatterns.namesASecret(named[0], named[1])).as(named[0] + "=" + named[1]).isTrue();
            assertThat(SecretPatterns.hidesSecret("data." + named[0], named[1])).as(named[0]).isTrue();
        }
        assertThat(SecretPatterns.hidesSecret("metadata.annotations.example.com/webhook-secret", "super-secret-value")).isTrue();
        assertThat(SecretPatterns.hidesSecret("metadata.annotations.service.beta.kubernetes.io/oci-load-balancer-tls-secret", "web-lb-tls")).isFalse();
        assertThat(SecretPatterns.hidesSecret("metadata.annotations.nginx.ingress.kubernetes.io/proxy-ssl-secret", "demo-prod/upstream-ca")).isFalse();
        assertThat(SecretPatterns.namesASecret("checksum/secret", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).isFalse();
        assertThat(SecretPatterns.namesASecret("HASH_SECRET", "Xk9#aZ12qq")).isTrue();
        assertThat(SecretPatterns.namesASecret("API_SECRET", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).isTrue();
        assertThat(SecretPatterns.secretIn("arn:aws:x:::x?token=ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")).isPresent();
        assertThat(SecretPatterns.namesASecret("signing-key.pem", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"))
                .isFalse();
        assertThat(SecretPatterns.namesASecret("deploy-key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@example"))
                .isFalse();
        assertThat(SecretPatterns.secretIn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/web/db-AbCdEf")).isEmpty();
        assertThat(SecretPatterns.secretIn("{\"password\": \"%%env_PG_PASSWORD%%\"}")).isEmpty();
        assertThat(SecretPatterns.secretIn("password: hunter2-but-longer")).isPresent();
    }
}
