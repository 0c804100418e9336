package dev.kforge.tgr.github;

/** Finds the most starred repositories of a language. One call is one upstream request at most. */
@FunctionalInterface
public interface RepositorySearch {

    /** How many repositories one search returns: GitHub's maximum page size, and the maximum {@code n}. */
    int PAGE_SIZE = 100;

    /**
     * @param language a validated language name (letters, digits, {@code + # - .} and single spaces)
     * @return up to {@link #PAGE_SIZE} repositories, most stars first
     */
    SearchPage search(String language) throws UpstreamException;
}
