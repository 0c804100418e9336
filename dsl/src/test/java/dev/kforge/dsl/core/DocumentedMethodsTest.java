package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Type.method(} the manual names in code (README.md and docs/, inside backticks or fenced blocks) names a public
 * method of that type, and so does every link of a chain whose receiver reflection can tell ({@code ConfigMapDef.named(..)
 * .withProperty(}): a name that was renamed or never existed sends the reader nowhere. The same lookup as {@link HintMethodsTest}.
 */
class DocumentedMethodsTest {
    private static final Path ROOT = Path.of("..");
    /**
     * Types of the app and environments modules, which dsl's tests cannot load: their public methods are looked up in their
     * source, as {@code public ... name(}.
     */
    private static final Map<String, Path> OTHER_MODULES = Map.of(
            "TgrContract", Path.of("app/src/main/java/dev/kforge/tgr/TgrContract.java"),
            "TgrStack", Path.of("environments/src/main/java/dev/kforge/environments/TgrStack.java"),
            "TgrProfiles", Path.of("environments/src/main/java/dev/kforge/environments/TgrProfiles.java"),
            "RepositoryEnvironments", Path.of("environments/src/main/java/dev/kforge/environments/RepositoryEnvironments.java"));
    private static final Pattern FENCED = Pattern.compile("(?ms)^[ \\t]*```[^\\n]*\\n(.*?)^[ \\t]*```");
    /** An inline code span; it may wrap, but not across a blank line. */
    private static final Pattern SPAN = Pattern.compile("`((?:[^`\\n]|\\n(?![ \\t]*\\n))+)`");
    /**
     * A method named without its call ({@code Volumes.hostPath}): checked when the type is one the test knows, which leaves out
     * file names ({@code README.md}) and host names; {@code TgrStack.java} is a source file, not a method.
     */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)(?![\\w(.])");
    /** The next link of a chain after a closing parenthesis; blanks and line comments may come between. */
    private static final Pattern LINK = Pattern.compile("\\G(?:\\s|//[^\\n]*)*\\.([a-z][A-Za-z0-9]*)\\(");

    private final DslApi api = DslApi.load();
    private final Set<String> missing = new TreeSet<>();
    private int calls;
    private int links;
    private int references;

    @Test
    void every_type_and_method_the_manual_names_exists() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assertThat(readme).as("the manual, read from the dsl module's parent folder").isRegularFile();
        List<Path> manual = new ArrayList<>(List.of(readme));
        if (Files.isDirectory(ROOT.resolve("docs"))) {
            try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
                docs.filter(doc -> doc.toString().endsWith(".md")).sorted().forEach(manual::add);
            }
        }
        for (Path page : manual) {
            String text = Files.readString(page);
            Matcher fenced = FENCED.matcher(text);
            while (fenced.find()) {
                checkCode(page, text, fenced.start(1), fenced.group(1));
            }
            // Blank the fenced blocks (keeping offsets) so that their backticks do not open spans.
            String prose = FENCED.matcher(text).replaceAll(block -> Matcher.quoteReplacement(block.group().replaceAll("[^\\n]", " ")));
            Matcher span = SPAN.matcher(prose);
            while (span.find()) {
                checkCode(page, text, span.start(1), span.group(1));
            }
        }
        assertThat(calls).as("Type.method( calls checked").isGreaterThan(150);
        assertThat(links).as("chained calls checked").isGreaterThan(20);
        assertThat(references).as("methods named without a call checked").isGreaterThan(5);
        assertThat(missing).as("methods the manual names that do not exist (file:line: the name)").isEmpty();
    }

    private void checkCode(Path page, String text, int offset, String code) throws IOException {
        Matcher call = DslApi.CALL.matcher(code);
        while (call.find()) {
            String where = page.getFileName() + ":" + line(text, offset + call.start()) + ": " + call.group();
            calls++;
            if (OTHER_MODULES.containsKey(call.group(1)) && call.group(2) == null) {
                if (!declaresPublicMethod(OTHER_MODULES.get(call.group(1)), call.group(3))) {
                    missing.add(where);
                }
                continue;
            }
            List<Class<?>> receivers = api.receivers(call.group(1), call.group(2));
            if (!DslApi.hasPublicMethod(receivers, call.group(3))) {
                missing.add(where + (api.knows(call.group(1)) ? "" : " (no such type)"));
                continue;
            }
            checkChain(where, code, call.end() - 1, receivers, call.group(3));
        }
        Matcher reference = REFERENCE.matcher(code);
        while (reference.find()) {
            String type = reference.group(1);
            String method = reference.group(2);
            if (method.equals("java") || !(api.knows(type) || OTHER_MODULES.containsKey(type))) {
                continue;
            }
            references++;
            boolean exists = OTHER_MODULES.containsKey(type) ? declaresPublicMethod(OTHER_MODULES.get(type), method)
                    : DslApi.hasPublicMethod(api.receivers(type, null), method);
            if (!exists) {
                missing.add(page.getFileName() + ":" + line(text, offset + reference.start()) + ": " + reference.group());
            }
        }
    }

    /** Checks the links after the call of {@code method} whose parenthesis opens at {@code open}, while its receiver is known. */
    private void checkChain(String where, String code, int open, List<Class<?>> receivers, String method) {
        StringBuilder chain = new StringBuilder(where);
        int close = closing(code, open);
        Optional<Class<?>> receiver = close < 0 ? Optional.empty() : DslApi.returnType(receivers, method, hasArguments(code, open, close));
        Matcher link = LINK.matcher(code);
        while (receiver.isPresent() && link.find(close + 1)) {
            links++;
            String next = link.group(1);
            chain.append("..).").append(next).append('(');
            List<Class<?>> candidates = List.of(receiver.get());
            if (!DslApi.hasPublicMethod(candidates, next)) {
                missing.add(chain + " (" + receiver.get().getSimpleName() + " has no public method " + next + ")");
                return;
            }
            open = link.end() - 1;
            close = closing(code, open);
            receiver = close < 0 ? Optional.empty() : DslApi.returnType(candidates, next, hasArguments(code, open, close));
        }
    }

    private static boolean hasArguments(String code, int open, int close) {
        return !code.substring(open + 1, close).isBlank();
    }

    /** The parenthesis that closes the one at {@code open}, skipping string literals; -1 when the code ends first. */
    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int end = code.indexOf('"', i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean declaresPublicMethod(Path source, String method) throws IOException {
        Path file = ROOT.resolve(source);
        assertThat(file).as("the source of a type the manual names").isRegularFile();
        return Pattern.compile("\\bpublic\\s[^;{}=()]*\\b" + Pattern.quote(method) + "\\s*\\(").matcher(Files.readString(file)).find();
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
