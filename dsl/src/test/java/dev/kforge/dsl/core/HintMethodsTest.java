package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Pattern CALL = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)(?:\\.([A-Z][A-Z0-9_]*))?\\.([a-z][A-Za-z0-9]*)\\(");
    /** JDK types the hints name, e.g. {@code Duration.ofSeconds(3)}. */
    private static final Map<String, Class<?>> JDK = Map.of("Duration", java.time.Duration.class, "Optional", java.util.Optional.class);

    @Test
    void every_type_and_method_a_message_suggests_exists() throws IOException {
        Map<String, List<Class<?>>> types = dslTypes();
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = STRING.matcher(CHARACTER.matcher(Files.readString(file)).replaceAll("' '"));
                while (literal.find()) {
                    Matcher call = CALL.matcher(literal.group());
                    while (call.find()) {
                        List<Class<?>> candidates = JDK.containsKey(call.group(1)) ? List.<Class<?>>of(JDK.get(call.group(1))) : types.get(call.group(1));
                        if (candidates != null && call.group(2) != null) { // PodSecurity.RESTRICTED.withUser(: the constant's type
                            candidates = candidates.stream().<Class<?>>map(type -> constantType(type, call.group(2))).filter(type -> type != null).toList();
                        }
                        checked++;
                        String method = call.group(3);
                        if (candidates == null || candidates.stream().noneMatch(type -> hasPublicMethod(type, method))) {
                            missing.add(file.getFileName() + ": " + call.group());
                        }
                    }
                }
            }
        }
        assertThat(checked).as("hints found").isGreaterThan(50);
        assertThat(missing).as("hints naming a type or method that does not exist").isEmpty();
    }

    private static Class<?> constantType(Class<?> type, String constant) {
        try {
            return type.getField(constant).getType();
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean hasPublicMethod(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(name))
                || Arrays.stream(type.getRecordComponents() == null ? new java.lang.reflect.RecordComponent[0] : type.getRecordComponents())
                .anyMatch(c -> c.getName().equals(name));
    }

    /** The public types of the library (nested ones too) by simple name. */
    private static Map<String, List<Class<?>>> dslTypes() throws IOException {
        Path classes = Path.of("target", "classes");
        Map<String, List<Class<?>>> types = new HashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, HintMethodsTest.class.getClassLoader());
                    if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
                        types.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>()).add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException(name, e);
                }
            }
        }
        return types;
    }

}
