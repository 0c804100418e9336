package dev.kforge.dsl.core;

import java.util.Collection;
import java.util.Optional;

/** Which of some names a mistyped one was probably meant to be, for messages that suggest it. */
public final class Spelling {
    /** At most this many letters inserted, deleted or replaced: CLEINT_SECRET for CLIENT_SECRET (a swap counts two). */
    private static final int MAX_EDITS = 2;

    private Spelling() {
    }

    /**
     * The candidate closest to {@code typed} within two edits, ignoring case; the first of equally close ones, in the
     * collection's order. None for the name itself, for names of three characters or fewer (any two are that close), or
     * when nothing is that close.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String candidate : candidates) {
            if (candidate.equals(typed) || Math.min(candidate.length(), typed.length()) <= MAX_EDITS + 1) {
                continue;
            }
            int distance = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, by rows. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
