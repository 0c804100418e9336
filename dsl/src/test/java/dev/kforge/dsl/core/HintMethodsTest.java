package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Type.method(} a message of the library suggests ({@code "Use ServiceDef.named(..).externalName(host)"}) names a
 * public method of that type: a hint naming a method that was renamed or never existed sends the reader nowhere.
 */
class HintMethodsTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*+\"");
    /** Character literals, removed first: {@code '"'} would otherwise open a string. */
    private static final Pattern CHARACTER = Pattern.compile("'(?:[^'\\\\\\n]|\\\\[^\\n]{1,5})'");

    @Test
    void every_type_and_method_a_message_suggests_exists() throws IOException {
        DslApi api = DslApi.load();
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = STRING.matcher(CHARACTER.matcher(Files.readString(file)).replaceAll("' '"));
                while (literal.find()) {
                    Matcher call = DslApi.CALL.matcher(literal.group());
                    while (call.find()) {
                        checked++;
                        if (!DslApi.hasPublicMethod(api.receivers(call.group(1), call.group(2)), call.group(3))) {
                            missing.add(file.getFileName() + ": " + call.group());
                        }
                    }
                }
            }
        }
        assertThat(checked).as("hints found").isGreaterThan(50);
        assertThat(missing).as("hints naming a type or method that does not exist").isEmpty();
    }
}
