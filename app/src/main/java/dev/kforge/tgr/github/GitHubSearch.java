package dev.kforge.tgr.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.tgr.config.GitHubCredentials;
import dev.kforge.tgr.metrics.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHRepositorySearchBuilder;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repository search through {@code org.kohsuke:github-api}: the library builds the request (endpoint,
 * {@code q}/{@code sort}/{@code order}/{@code per_page}, API version headers, authorization) and
 * checks that the answer parses as a search result; its rate-limit handlers are set to fail instead of
 * sleeping. The repository JSON and the status and headers used to classify failures are read from the
 * {@link RecordingConnector}, because github-api keeps neither the raw items nor a uniform error shape.
 *
 * <p>After GitHub reports a rate limit, searches fail at once, without calling GitHub, until the limit resets.
 */
public final class GitHubSearch implements RepositorySearch {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubSearch.class);
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 60;
    private static final long MAX_RETRY_AFTER_SECONDS = 3600;
    /** Retry-After's delay-seconds; more than 18 digits would not fit a long (and is no plausible delay anyway). */
    private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]{1,18}");

    private final URI apiUrl;
    private final AuthorizationProvider authorization;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration deadline;
    private final long maxUnavailableRetryAfterSeconds;
    private final Clock clock;
    private final Metrics metrics;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong rateLimitedUntilMillis = new AtomicLong();

    /**
     * @param maxUnavailableRetryAfter the longest Retry-After of a GitHub 502, 503 or 504 that is passed on to clients
     *                                 (with a 503); a longer one is ignored, and the answer is a 502
     */
    public GitHubSearch(URI apiUrl, GitHubCredentials credentials, Duration connectTimeout, Duration readTimeout,
                        Duration maxUnavailableRetryAfter, Clock clock, Metrics metrics) {
        this.apiUrl = apiUrl;
        String header = credentials.authorizationHeader().orElse(null);
        this.authorization = () -> header;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // github-api follows redirects itself, dropping Authorization
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.connectTimeout = connectTimeout;
        this.deadline = readTimeout;
        this.maxUnavailableRetryAfterSeconds = maxUnavailableRetryAfter.toSeconds();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The search qualifier for a language, quoted so that the language can never add another qualifier. */
    static String languageQualifier(String language) {
        if (language.indexOf('"') >= 0 || language.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("language must be validated before searching: " + language);
        }
        return "language:\"" + language + "\"";
    }

    @Override
    public SearchPage search(String language) throws UpstreamException {
        long now = clock.millis();
        long until = rateLimitedUntilMillis.get();
        if (now < until) {
            metrics.upstreamSkipped();
            throw UpstreamException.rateLimited(ceilSeconds(until - now));
        }
        RecordingConnector connector = new RecordingConnector(http, deadline, metrics::upstreamCall);
        RuntimeException libraryFailure = null;
        try {
            GitHub github = new GitHubBuilder()
                    .withEndpoint(apiUrl.toString())
                    .withConnector(connector)
                    .withAuthorizationProvider(authorization)
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
            github.searchRepositories()
                    .q(languageQualifier(language))
                    .sort(GHRepositorySearchBuilder.Sort.STARS)
                    .order(GHDirection.DESC)
                    .list()
                    .withPageSize(PAGE_SIZE)
                    .iterator()
                    .nextPage(); // exactly one request: the first page
        } catch (IOException e) {
            libraryFailure = new IllegalStateException(e);
        } catch (RuntimeException e) {
            libraryFailure = e; // github-api's iterators wrap IOExceptions in GHException
        }
        try {
            SearchPage page = interpret(connector.last(), libraryFailure);
            if (LOG.isDebugEnabled()) {
                LOG.debug("GitHub search for language \"{}\": {} repositories of {} (X-RateLimit-Remaining: {})",
                        language, page.items().size(), page.totalCount(),
                        connector.last().header("X-RateLimit-Remaining"));
            }
            return page;
        } catch (UpstreamException e) {
            metrics.upstreamError(e.kind().label());
            LOG.warn("GitHub search for language \"{}\" failed: {}: {}", language, e.kind().label(), e.getMessage());
            throw e;
        }
    }

    private SearchPage interpret(RecordingConnector.Exchange exchange, RuntimeException libraryFailure)
            throws UpstreamException {
        if (exchange == null) {
            throw UpstreamException.of(UpstreamException.Kind.UNREACHABLE, "GitHub search could not be sent", libraryFailure);
        }
        if (exchange.transportFailure() != null) {
            throw transportFailure((RecordingConnector.TransportException) exchange.transportFailure());
        }
        int status = exchange.status();
        if (isRateLimit(exchange)) {
            long seconds = retryAfterSeconds(exchange);
            rateLimitedUntilMillis.accumulateAndGet(clock.millis() + seconds * 1000, Math::max);
            throw UpstreamException.rateLimited(seconds);
        }
        if (status == 502 || status == 503 || status == 504) {
            // GitHub says when it expects to be back: clients get a 503 with that time rather than a plain 502.
            OptionalLong retryAfter = retryAfterHeader(exchange);
            if (retryAfter.isPresent() && retryAfter.getAsLong() <= maxUnavailableRetryAfterSeconds) {
                throw UpstreamException.unavailable(status, Math.max(1, retryAfter.getAsLong()), libraryFailure);
            }
        }
        if (status == 401) {
            throw UpstreamException.of(UpstreamException.Kind.HTTP_ERROR,
                    "GitHub rejected the service's credentials (HTTP 401)", libraryFailure);
        }
        if (status < 200 || status > 299) {
            throw UpstreamException.of(UpstreamException.Kind.HTTP_ERROR, "GitHub answered HTTP " + status, libraryFailure);
        }
        if (libraryFailure != null) {
            throw malformed(libraryFailure);
        }
        return parse(exchange.body());
    }

    private UpstreamException transportFailure(RecordingConnector.TransportException t) {
        return switch (t.failure()) {
            case ANSWER_TIMEOUT -> UpstreamException.of(UpstreamException.Kind.TIMEOUT,
                    "GitHub did not answer within " + deadline.toMillis() + " ms", t);
            case CONNECT_TIMEOUT -> UpstreamException.of(UpstreamException.Kind.UNREACHABLE,
                    "GitHub could not be reached: no connection within " + connectTimeout.toMillis() + " ms", t);
            case TLS -> UpstreamException.of(UpstreamException.Kind.UNREACHABLE,
                    "GitHub could not be reached: the TLS handshake failed", t);
            case NOT_HTTP -> UpstreamException.of(UpstreamException.Kind.MALFORMED, "GitHub's answer was not valid HTTP", t);
            case CLOSED -> UpstreamException.of(UpstreamException.Kind.UNREACHABLE,
                    "GitHub closed the connection without a complete answer", t);
            case NOT_CONNECTED, INTERRUPTED -> UpstreamException.of(UpstreamException.Kind.UNREACHABLE,
                    "GitHub could not be reached", t);
        };
    }

    private SearchPage parse(byte[] body) throws UpstreamException {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw malformed(e);
        }
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw malformed(null);
        }
        List<String> repositories = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw malformed(null);
            }
            try {
                repositories.add(mapper.writeValueAsString(item));
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        return new SearchPage(repositories, root.path("total_count").asLong(repositories.size()),
                root.path("incomplete_results").asBoolean(false));
    }

    private static UpstreamException malformed(Throwable cause) {
        return UpstreamException.of(UpstreamException.Kind.MALFORMED, "GitHub's answer was not a valid search result", cause);
    }

    /** GitHub's primary limit (403/429, X-RateLimit-Remaining: 0) and secondary limit (Retry-After, or the message). */
    private static boolean isRateLimit(RecordingConnector.Exchange exchange) {
        int status = exchange.status();
        if (status == 429) {
            return true;
        }
        if (status != 403) {
            return false;
        }
        if ("0".equals(trim(exchange.header("X-RateLimit-Remaining"))) || exchange.header("Retry-After") != null) {
            return true;
        }
        String body = new String(exchange.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return body.contains("rate limit");
    }

    /** Retry-After, else X-RateLimit-Reset (epoch seconds), else 60; within 1..3600. */
    private long retryAfterSeconds(RecordingConnector.Exchange exchange) {
        OptionalLong retryAfter = retryAfterHeader(exchange);
        if (retryAfter.isPresent()) {
            return clamp(retryAfter.getAsLong());
        }
        String reset = trim(exchange.header("X-RateLimit-Reset"));
        if (reset != null) {
            try {
                return clamp(ceilSeconds(Long.parseLong(reset) * 1000 - clock.millis()));
            } catch (NumberFormatException ignored) {
                // use the default
            }
        }
        return DEFAULT_RETRY_AFTER_SECONDS;
    }

    /** Retry-After in seconds from now, given as delay-seconds or an HTTP date (one in the past is 0); empty when absent or malformed. */
    private OptionalLong retryAfterHeader(RecordingConnector.Exchange exchange) {
        String value = trim(exchange.header("Retry-After"));
        if (value == null) {
            return OptionalLong.empty();
        }
        if (DELAY_SECONDS.matcher(value).matches()) {
            return OptionalLong.of(Long.parseLong(value));
        }
        try {
            long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return OptionalLong.of(Math.max(0, (at - clock.millis() + 999) / 1000));
        } catch (DateTimeParseException notADate) {
            return OptionalLong.empty();
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static long clamp(long seconds) {
        return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
