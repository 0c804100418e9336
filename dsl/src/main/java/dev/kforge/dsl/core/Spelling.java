package dev.kforge.dsl.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Which of some names a mistyped one was probably meant to be, for messages that suggest it. */
public final class Spelling {
    /** Names this long may be two edits off (CLEINT_SECERT); shorter ones one (PROT), where two would be half the name (HOST, PORT). */
    private static final int TWO_EDITS_FROM = 8;
    /** Any two names of this length or shorter are close: none is suggested. */
    private static final int TOO_SHORT = 3;

    private Spelling() {
    }

    /**
     * The candidate closest to {@code typed}, ignoring case, where an edit inserts, deletes or replaces a letter or swaps two
     * neighbours: within one edit, or two for names of 8 characters or more; the first of equally close ones, in the
     * collection's order. None for the name itself, for names of 3 characters or fewer, or when nothing is that close.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int shorter = Math.min(candidate.length(), typed.length());
            if (candidate.equals(typed) || shorter <= TOO_SHORT) {
                continue;
            }
            int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance <= (shorter >= TWO_EDITS_FROM ? 2 : 1) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein's, with a swap of two neighbouring letters as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
