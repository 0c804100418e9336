package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretPatternsTest {

    @Test
    void names_with_a_secret_word_are_secret_looking() {
        for (String name : new String[] {"CLIENT_SECRET", "github-token", "db_Password", "dbPassword", "credentials.file.contents",
                "API_KEY", "key", "signing.keys", "STRIPE_APIKEY", "AUTHTOKEN", "SSH_PRIVATEKEY", "AWS_SECRET_ACCESS_KEY", "GOOGLE_CREDENTIALS"}) {
            assertThat(SecretPatterns.namesASecret(name, "s3cr3t")).as(name).isTrue();
        }
    }

    @Test
    void pointers_to_secrets_settings_about_them_and_look_alike_words_are_not() {
        for (String name : new String[] {"KEYCLOAK_URL", "MONKEY_MODE", "HOTKEYS", "LOG_LEVEL", "MAX_TOKENS", "TOKEN_URL", "SECRET_NAME",
                "KEY_FILE", "PASSWORD_MIN_LENGTH", "tokenizer.json", "passwordless.enabled", "credentials.file"}) {
            assertThat(SecretPatterns.namesASecret(name, "4096")).as(name).isFalse();
        }
        // A path names the file that holds the secret; a reference and an empty value hold none.
        assertThat(SecretPatterns.namesASecret("GOOGLE_APPLICATION_CREDENTIALS", "/var/run/secrets/gcp/key.json")).isFalse();
        assertThat(SecretPatterns.namesASecret("DB_PASSWORD", "$(PASSWORD_FROM_SECRET)")).isFalse();
        assertThat(SecretPatterns.namesASecret("DB_PASSWORD", "")).isFalse();
    }

    @Test
    void finds_passwords_in_urls_unless_they_are_variable_references() {
        assertThat(SecretPatterns.secretIn("postgres://admin:hunter2@db:5432/app")).contains("a URL with a password");
        assertThat(SecretPatterns.secretIn("see https://example.com then redis://:s3cret@cache:6379")).contains("a URL with a password");
        assertThat(SecretPatterns.secretIn("postgres://admin:$(DB_PASSWORD)@db/app")).isEmpty();
        assertThat(SecretPatterns.secretIn("postgres://admin@db:5432/app")).isEmpty();
        assertThat(SecretPatterns.secretIn("https://example.com:8443/path?user=a:b@c")).isEmpty();
    }

    @Test
    void finds_literals_assigned_to_secret_named_keys_in_properties_yaml_queries_and_flags() {
        assertThat(SecretPatterns.secretIn("spring.datasource.url=jdbc:x\nspring.datasource.password=hunter2\n"))
                .contains("a literal assigned to spring.datasource.password");
        assertThat(SecretPatterns.secretIn("upstream:\n  token: abc123\n")).contains("a literal assigned to token");
        assertThat(SecretPatterns.secretIn("jdbc:postgresql://db/app?user=app&password=hunter2")).contains("a literal assigned to password");
        assertThat(SecretPatterns.secretIn("{\"apiKey\": \"abc\"}")).contains("a literal assigned to apiKey");
        assertThat(SecretPatterns.secretIn("--db-password=hunter2")).contains("a literal assigned to --db-password");

        assertThat(SecretPatterns.secretIn("password: ${DB_PASSWORD}\ntoken_url: https://github.com/login\nkey_file: /etc/key")).isEmpty();
        assertThat(SecretPatterns.secretIn("password:\n  file: /run/secrets/db")).isEmpty();
        assertThat(SecretPatterns.secretIn("db.password=/run/secrets/db-password")).isEmpty();
        assertThat(SecretPatterns.secretIn("max_tokens=4096 timeout=30s")).isEmpty();
    }

    @Test
    void finds_tokens_in_the_formats_their_issuers_use() {
        assertThat(SecretPatterns.secretIn("ghp_" + "a".repeat(36))).contains("a GitHub token");
        assertThat(SecretPatterns.secretIn("github_pat_" + "A1".repeat(20))).contains("a GitHub token");
        assertThat(SecretPatterns.secretIn("AKIAIOSFODNN7EXAMPLE")).contains("an AWS access key id");
        assertThat(SecretPatterns.secretIn("xoxb-1234567890-abcdef")).contains("a Slack token");
        assertThat(SecretPatterns.secretIn("AIza" + "B".repeat(35))).contains("a Google API key");
        assertThat(SecretPatterns.secretIn("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----"))
                .contains("a private key");
        assertThat(SecretPatterns.secretIn("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF...")).contains("a private key");

        assertThat(SecretPatterns.secretIn("ghp_short")).isEmpty();
        assertThat(SecretPatterns.secretIn("xghp_" + "a".repeat(36))).isEmpty();
        assertThat(SecretPatterns.secretIn("AKIAIOSFODNN7EXAMPLEX")).isEmpty();
        assertThat(SecretPatterns.secretIn("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")).isEmpty();
        assertThat(SecretPatterns.secretIn("sha256:" + "0".repeat(64))).isEmpty();
        assertThat(SecretPatterns.secretIn("eyJhbGciOiJub25lIn0=")).isEmpty();
    }
}
