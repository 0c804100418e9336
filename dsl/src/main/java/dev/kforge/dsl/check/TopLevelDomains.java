package dev.kforge.dsl.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The public top-level domains ({@code com}, {@code dev}, {@code app}...), from the resource {@code public-top-level-domains.txt}. */
final class TopLevelDomains {
    private static final String RESOURCE = "public-top-level-domains.txt";

    private TopLevelDomains() {
    }

    /** Whether {@code label}, in lower case, is a public top-level domain (an internationalized one in its {@code xn--} form). */
    static boolean isPublic(String label) {
        // No top-level domain holds a '-' but in its xn-- prefix: most names are told apart without reading the list.
        if (label.isEmpty() || label.indexOf('-') >= 0 && !label.startsWith("xn--")) {
            return false;
        }
        return Loaded.ALL.contains(label);
    }

    /** Read on the first name that could be one: a stack whose namespace is {@code <service>-<environment>} never reads it. */
    private static final class Loaded {
        static final Set<String> ALL = read();

        private static Set<String> read() {
            Set<String> domains = new HashSet<>(2048);
            try (InputStream in = TopLevelDomains.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath, beside " + TopLevelDomains.class.getName());
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        domains.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(domains);
        }
    }
}
