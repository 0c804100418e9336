package dev.kforge.tgr.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How the service authenticates to GitHub. Every implementation's {@code toString} is safe to log:
 * it names the kind of credential, never its value.
 */
public sealed interface GitHubCredentials
        permits GitHubCredentials.Anonymous, GitHubCredentials.Token, GitHubCredentials.OAuthApp {

    /** The value of the {@code Authorization} header, or empty for anonymous access. */
    Optional<String> authorizationHeader();

    /** A log-safe description, e.g. {@code "GITHUB_TOKEN"}. */
    String describe();

    /** No credentials: GitHub allows 10 searches a minute per client IP. */
    record Anonymous() implements GitHubCredentials {
        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "anonymous";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** A personal access token or app token, sent as a bearer token. */
    record Token(String token) implements GitHubCredentials {
        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String describe() {
            return "GITHUB_TOKEN";
        }

        @Override
        public String toString() {
            return "Token[token=<redacted>]";
        }
    }

    /** A GitHub OAuth app's client id and secret, sent with HTTP basic authentication. */
    record OAuthApp(String clientId, String clientSecret) implements GitHubCredentials {
        @Override
        public Optional<String> authorizationHeader() {
            String pair = clientId + ":" + clientSecret;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String describe() {
            return "CLIENT_ID/CLIENT_SECRET (OAuth app)";
        }

        @Override
        public String toString() {
            return "OAuthApp[clientId=<redacted>, clientSecret=<redacted>]";
        }
    }
}
