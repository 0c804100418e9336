package dev.kforge.dsl.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Text as the kubelet expands a container's env values, command and args before anything runs: {@code $(NAME)} becomes the
 * variable's value, {@code $$} one {@code $}, and a {@code $(NAME)} of no variable stays as written.
 *
 * @param text     the expanded text; a variable whose value is not known here stays as written
 * @param settings {@code NAME=value} of each variable expanded, for a warning to show
 * @param known    whether every variable the text names has a value known here (not a Secret's, nor unset)
 */
record KubeletExpansion(String text, List<String> settings, boolean known) {
    /** {@code text} expanded with {@code values}, a variable's value when known. */
    static KubeletExpansion of(String text, Function<String, Optional<String>> values) {
        if (text.indexOf('$') < 0) {
            return new KubeletExpansion(text, List.of(), true);
        }
        StringBuilder expanded = new StringBuilder(text.length());
        List<String> settings = new ArrayList<>();
        boolean known = true;
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            char next = at + 1 < text.length() ? text.charAt(at + 1) : ' ';
            int close = c == '$' && next == '(' ? text.indexOf(')', at + 2) : -1;
            if (c == '$' && next == '$') {
                expanded.append('$');
                at++;
            } else if (close > at + 2) {
                String name = text.substring(at + 2, close);
                Optional<String> value = values.apply(name);
                if (value.isPresent()) {
                    expanded.append(value.get());
                    settings.add(name + "=" + value.get());
                } else {
                    expanded.append(text, at, close + 1);
                    known = false;
                }
                at = close;
            } else {
                expanded.append(c);
            }
        }
        return new KubeletExpansion(expanded.toString(), settings, known);
    }
}
