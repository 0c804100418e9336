package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretPatternsTest {

    @Test
    void names_with_a_secret_word_or_key_as_a_word_are_secret_looking() {
        assertThat(SecretPatterns.namesASecret("CLIENT_SECRET")).isTrue();
        assertThat(SecretPatterns.namesASecret("github-token")).isTrue();
        assertThat(SecretPatterns.namesASecret("db_Password")).isTrue();
        assertThat(SecretPatterns.namesASecret("credentials.file")).isTrue();
        assertThat(SecretPatterns.namesASecret("API_KEY")).isTrue();
        assertThat(SecretPatterns.namesASecret("key")).isTrue();
        assertThat(SecretPatterns.namesASecret("signing.keys")).isTrue();
        assertThat(SecretPatterns.namesASecret("STRIPE_APIKEY")).isTrue();

        assertThat(SecretPatterns.namesASecret("KEYCLOAK_URL")).isFalse();
        assertThat(SecretPatterns.namesASecret("MONKEY_MODE")).isFalse();
        assertThat(SecretPatterns.namesASecret("HOTKEYS")).isFalse();
        assertThat(SecretPatterns.namesASecret("LOG_LEVEL")).isFalse();
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
    void finds_tokens_in_the_formats_their_issuers_use() {
        assertThat(SecretPatterns.secretIn("ghp_" + "a".repeat(36))).contains("a GitHub token");
        assertThat(SecretPatterns.secretIn("token: github_pat_" + "A1".repeat(20))).contains("a GitHub token");
        assertThat(SecretPatterns.secretIn("AKIAIOSFODNN7EXAMPLE")).contains("an AWS access key id");
        assertThat(SecretPatterns.secretIn("xoxb-1234567890-abcdef")).contains("a Slack token");
        assertThat(SecretPatterns.secretIn("AIza" + "B".repeat(35))).contains("a Google API key");
        assertThat(SecretPatterns.secretIn("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----"))
                .contains("a private key");

        assertThat(SecretPatterns.secretIn("ghp_short")).isEmpty();
        assertThat(SecretPatterns.secretIn("xghp_" + "a".repeat(36))).isEmpty();
        assertThat(SecretPatterns.secretIn("AKIAIOSFODNN7EXAMPLEX")).isEmpty();
        assertThat(SecretPatterns.secretIn("-----BEGIN CERTIFICATE-----")).isEmpty();
        assertThat(SecretPatterns.secretIn("sha256:" + "0".repeat(64))).isEmpty();
    }
}
