package dev.kforge.dsl.core;

import java.util.regex.Pattern;

/** Text with the passwords of URLs' users replaced, for messages: they go to terminals and CI logs. */
public final class UrlPasswords {
    /**
     * A user and password before '@': after "://" or where a word starts, a user without '/', white space or ':', then ':' and
     * the password up to the last '@' before a '/' or white space (a password may hold '@' or ':').
     */
    private static final Pattern USER_PASSWORD = Pattern.compile("((?:://|^|[\\s,;=\"'(])[^\\s/@:,;=\"'()]*:)[^\\s/]+@");

    private UrlPasswords() {
    }

    /** {@code postgres://app:<redacted>@db.example.net/orders} for {@code postgres://app:s3cret@db.example.net/orders}; other text as it is. */
    public static String redacted(String text) {
        return text.indexOf('@') < 0 ? text : USER_PASSWORD.matcher(text).replaceAll("$1<redacted>@");
    }
}
