package dev.kforge.tgr.github;

import java.util.List;

/**
 * The first page of a repository search, most stars first.
 *
 * @param items      GitHub's repository objects exactly as GitHub sent them, each as compact JSON
 * @param totalCount GitHub's {@code total_count}
 * @param incomplete GitHub's {@code incomplete_results}
 */
public record SearchPage(List<String> items, long totalCount, boolean incomplete) {

    public SearchPage {
        items = List.copyOf(items);
    }

    /** Characters held by the items: the cache's size estimate. */
    public long weight() {
        long sum = 0;
        for (String item : items) {
            sum += item.length();
        }
        return sum;
    }
}
