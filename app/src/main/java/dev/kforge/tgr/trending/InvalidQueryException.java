package dev.kforge.tgr.trending;

import java.util.List;

/** The query parameters are invalid; the message names each parameter and what is allowed. */
public final class InvalidQueryException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
    }
}
