package dev.kforge.tgr.trending;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Form decoding of one query component, as for any URL query: {@code +} is a space, {@code %XX} a byte, the bytes
 * UTF-8. Strict, unlike {@link java.net.URLDecoder}, which throws on a bad {@code %} escape but turns bytes that are
 * not UTF-8 into U+FFFD: a client never sent that character, so naming it would mislead.
 */
final class FormDecoding {

    private FormDecoding() {
    }

    /** The decoded text, or empty when {@code raw} is not percent-encoded UTF-8. */
    static Optional<String> decode(String raw) {
        if (isPlainAscii(raw)) {
            return Optional.of(raw); // n=5, l=python: every request has such names and values
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? hexDigit(raw.charAt(i + 1)) : -1;
                int low = high >= 0 ? hexDigit(raw.charAt(i + 2)) : -1;
                if (low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else if (c < 0x80) {
                bytes.write(c == '+' ? ' ' : c);
                i++;
            } else {
                // Jetty hands over the query with any raw non-ASCII already read as UTF-8: written back as UTF-8.
                int end = i + Character.charCount(raw.codePointAt(i));
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    private static boolean isPlainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '+' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: Character.digit also reads other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
