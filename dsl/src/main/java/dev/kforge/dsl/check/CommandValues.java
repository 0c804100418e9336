package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of a workload's containers' commands and args (init containers included) that may name a host, for the checks
 * that follow a client to a Service. The script of a shell ({@link ShellScript}: {@code sh -c "until nc -z forge-db 5432; do
 * sleep 1; done"}) is split into its commands ({@link ShellWords#commands}); any other element is one word.
 * Recognised:
 * <ul>
 * <li>each word holding ':', '.' or '@', read as an env value is ({@code http://tgr:8080/health},
 *     {@code --db=postgres://forge-db:5432/app}, {@code forge-db:5432}); a word without (a bare name, {@code 5432}) names no host;</li>
 * <li>{@code nc}/{@code ncat}/{@code netcat} with exactly a host and a port left after its options: {@code nc -z -w 2 forge-db 5432},
 *     read as {@code forge-db:5432}; a listening one ({@code -l}) connects nowhere;</li>
 * <li>a database or cache client's host and port options: {@code pg_isready}/{@code psql} and {@code redis-cli} {@code -h host -p port},
 *     {@code mysqladmin}/{@code mysql} {@code -h host -P port} (their {@code -p} is a password), also {@code --host=}, {@code --port=}
 *     and {@code -hforge-db}; a host without a port is a host alone, as {@code DB_HOST=forge-db} is.</li>
 * </ul>
 * The variables the kubelet expands anywhere in the command and args ({@code $(DB_HOST)}, {@code http://$(API_HOST):8080/}, in a
 * script too, before the shell reads it), and in a script the variables the shell expands
 * ({@code nc -z $DB_HOST $DB_PORT}, {@code http://${API_HOST}:${API_PORT}/}, not in single quotes), read as the values the
 * container's env gives them literally or from a ConfigMap; a word holding one whose value is not known (a Secret's, one no
 * env sets, {@code $(hostname)}) names nothing. A program's own host flag ({@code --db-host forge-db}) is not read.
 */
final class CommandValues {
    private static final Set<String> NETCATS = Set.of("nc", "ncat", "netcat");
    /** Options of nc (OpenBSD, BusyBox) and ncat whose value is the next word: {@code -w 2}, {@code -p 4000} (a source port). */
    private static final Set<String> NETCAT_OPTIONS_WITH_VALUE = Set.of("-I", "-i", "-M", "-m", "-O", "-P", "-p", "-q", "-s", "-T", "-V", "-W",
            "-w", "-X", "-x", "-e", "-c", "-f", "-o", "-d", "-g", "-G", "--wait", "--source-port", "--source", "--exec", "--sh-exec",
            "--proxy", "--proxy-type", "--proxy-auth", "--output", "--hex-dump", "--idle-timeout", "--delay", "--max-conns");
    /** A word that is a variable the kubelet expands ({@code $(DB_HOST)}), or one a shell does ({@code $DB_HOST}, {@code ${DB_HOST}}). */
    private static final Pattern KUBERNETES_VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z0-9_]*|\\{[A-Za-z_][A-Za-z0-9_]*})");
    /** The option naming the port, by client; each names its host with {@code -h} or {@code --host}, and {@code --port} works too. */
    private static final Map<String, String> CLIENT_PORT_OPTIONS = Map.of("pg_isready", "-p", "psql", "-p", "redis-cli", "-p",
            "mysqladmin", "-P", "mysql", "-P");

    /** A value of a command or args: the text read, the words shown, the container and the field the host is in. */
    record Word(String text, String value, ContainerDef container, boolean init, boolean args, boolean isHost) implements HeldValue {
        @Override
        public String where() {
            return field() + " of " + (init ? "init container " : "container ") + container.name();
        }

        @Override
        public boolean namesConnections() {
            return true;
        }

        @Override
        public String dropHint() {
            return "drop it from the " + field();
        }

        private String field() {
            return args ? "args" : "command";
        }
    }

    /** A word of a container's command ({@code args} false) or args, its variables expanded as the kubelet, then a shell, do. */
    private record Token(ShellWords.Word word, boolean args) {
        String text() {
            return word.text();
        }
    }

    /** The container read, and the values found so far. */
    private record Reading(ContainerDef container, boolean init, StackIndex index, List<Word> values) {
        void add(String text, String value, Token token, boolean isHost) {
            values.add(new Word(text, value, container, init, token.args(), isHost));
        }
    }

    private CommandValues() {
    }

    /** The values of {@code workload}'s commands and args; a variable naming a client's host is read from the container's env. */
    static List<Word> of(Workload<?> workload, StackIndex index) {
        List<Word> values = new ArrayList<>();
        for (ContainerDef container : workload.initContainers()) {
            read(new Reading(container, true, index, values));
        }
        for (ContainerDef container : workload.containers()) {
            read(new Reading(container, false, index, values));
        }
        return values;
    }

    private static void read(Reading reading) {
        ContainerDef container = reading.container();
        if (container.command().isEmpty() && container.args().isEmpty()) {
            return;
        }
        for (List<Token> command : commands(reading)) {
            for (int at = 0; at < command.size(); at++) {
                Token token = command.get(at);
                String program = ShellScript.program(token.text());
                if (NETCATS.contains(program)) {
                    netcat(command, at, reading);
                } else if (CLIENT_PORT_OPTIONS.containsKey(program)) {
                    client(command, at, CLIENT_PORT_OPTIONS.get(program), reading);
                }
                // A word that is one variable's whole value adds nothing to the env value read already
                if (mayNameHost(token.text()) && token.word().known() && !isOneVariable(token.word())) {
                    reading.add(token.text(), shown(command, at, at), token, false);
                }
            }
        }
    }

    /** The container's command then args as commands: exec-form words run together, a shell script's commands apart. */
    private static List<List<Token>> commands(Reading reading) {
        ContainerDef container = reading.container();
        int script = ShellScript.of(container).map(ShellScript::at).orElse(-1);
        List<List<Token>> commands = new ArrayList<>();
        List<Token> exec = new ArrayList<>();
        commands.add(exec);
        int at = 0;
        for (int field = 0; field < 2; field++) {
            boolean args = field == 1;
            for (String element : args ? container.args() : container.command()) {
                // The kubelet expands $(NAME) anywhere in the element, before a shell reads it
                KubeletExpansion expansion = KubeletExpansion.of(element, name -> value(name, reading));
                if (at++ != script) {
                    exec.add(new Token(new ShellWords.Word(expansion.text(), element, expansion.settings(), expansion.known()), args));
                    continue;
                }
                for (List<ShellWords.Word> scripted : ShellWords.commands(expansion.text(), name -> value(name, reading))) {
                    commands.add(scripted.stream().map(word -> new Token(withSettings(word, expansion.settings()), args)).toList());
                }
            }
        }
        return commands;
    }

    /** {@code nc [options] host port}: the words after {@code nc} that are not options, nor their values or redirections. */
    private static void netcat(List<Token> command, int program, Reading reading) {
        List<Integer> operands = new ArrayList<>();
        for (int at = program + 1; at < command.size(); at++) {
            String word = command.get(at).text();
            if (word.equals("--listen") || isShortOptions(word) && word.indexOf('l') > 0) {
                return;
            }
            int redirection = redirection(word);
            if (NETCAT_OPTIONS_WITH_VALUE.contains(word) || redirection == word.length()) {
                at++; // the option's value, or the file of "> file"
            } else if (!word.startsWith("-") && redirection < 0) {
                operands.add(at);
            }
        }
        if (operands.size() != 2 || !isPort(command.get(operands.get(1)).text())) {
            return;
        }
        Token token = command.get(operands.get(0));
        if (isHost(token)) {
            reading.add(token.text() + ":" + command.get(operands.get(1)).text(), shown(command, program, operands.get(1)), token, false);
        }
    }

    /** {@code -zvl}: letters after one dash. */
    private static boolean isShortOptions(String word) {
        return word.length() > 1 && word.charAt(0) == '-' && word.chars().skip(1).allMatch(Character::isLetter);
    }

    /**
     * For a redirection ({@code >/dev/null}, {@code 2>&1}, {@code <}), where its operator ends, which is the word's length when
     * the file is the next word; -1 for any other word.
     */
    private static int redirection(String word) {
        int at = 0;
        while (at < word.length() && Character.isDigit(word.charAt(at))) {
            at++;
        }
        if (at == word.length() || word.charAt(at) != '<' && word.charAt(at) != '>') {
            return -1;
        }
        while (at < word.length() && "<>&|".indexOf(word.charAt(at)) >= 0) {
            at++;
        }
        return at;
    }

    /** {@code pg_isready -h host -p port}: the host option's value, and the port option's if any. */
    private static void client(List<Token> command, int program, String portOption, Reading reading) {
        Token host = null;
        String port = null;
        for (int at = program + 1; at < command.size(); at++) {
            String word = command.get(at).text();
            boolean valueFollows = at + 1 < command.size();
            if ((word.equals("-h") || word.equals("--host")) && valueFollows) {
                host = command.get(++at);
            } else if (word.startsWith("--host=") || word.startsWith("-h") && !word.startsWith("--")) {
                host = attached(command.get(at), word.startsWith("--") ? "--host=".length() : 2);
            } else if ((word.equals(portOption) || word.equals("--port")) && valueFollows) {
                port = command.get(++at).text();
            } else if (word.startsWith("--port=") || word.startsWith(portOption) && !word.startsWith("--")) {
                port = word.substring(word.startsWith("--") ? "--port=".length() : 2);
            }
        }
        if (host == null || !isHost(host)) {
            return;
        }
        boolean hasPort = port != null && isPort(port);
        reading.add(hasPort ? host.text() + ":" + port : host.text(), shown(command, program, command.size() - 1), host, !hasPort);
    }

    /** The value attached to an option's word from {@code at}: {@code forge-db} of {@code -hforge-db}. */
    private static Token attached(Token option, int at) {
        ShellWords.Word word = option.word();
        return new Token(new ShellWords.Word(word.text().substring(at), word.written().substring(at), word.settings(), word.known()), option.args());
    }

    /**
     * A word of a script the kubelet expanded first, with the {@code NAME=value} of the kubelet's variables whose values it
     * holds, for a warning to show how the word came to name its host ({@code nc -z forge-db 5432 with DATABASE=forge-db}).
     */
    private static ShellWords.Word withSettings(ShellWords.Word word, List<String> kubelet) {
        List<String> settings = new ArrayList<>(word.settings());
        for (String setting : kubelet) {
            String value = setting.substring(setting.indexOf('=') + 1);
            if (!value.isEmpty() && word.text().contains(value) && !settings.contains(setting)) {
                settings.add(setting);
            }
        }
        return settings.size() == word.settings().size() ? word : new ShellWords.Word(word.text(), word.written(), settings, word.known());
    }

    private static Optional<String> value(String name, Reading reading) {
        return EnvValues.valueOf(reading.container(), name, reading.index()).map(EnvValues.Variable::value);
    }

    /** Whether a client's host word names a host: a host name, given or a variable's known value. */
    private static boolean isHost(Token token) {
        return token.word().known() && isHostName(token.text());
    }

    /** {@code $DB_URL}, {@code ${DB_URL}} or {@code $(DB_URL)} alone, expanded. */
    private static boolean isOneVariable(ShellWords.Word word) {
        return !word.settings().isEmpty() && (SHELL_VARIABLE.matcher(word.written()).matches() || KUBERNETES_VARIABLE.matcher(word.written()).matches());
    }

    /**
     * The words from {@code first} to {@code last} as written, and the values of their variables, as a warning shows them:
     * {@code nc -z forge-db 5432}, {@code nc -z $DB_HOST 5432 with DB_HOST=forge-db}.
     */
    private static String shown(List<Token> command, int first, int last) {
        StringBuilder shown = new StringBuilder();
        List<String> settings = new ArrayList<>();
        for (int at = first; at <= last; at++) {
            shown.append(at == first ? "" : " ").append(command.get(at).word().written());
            settings.addAll(command.get(at).word().settings());
        }
        return settings.isEmpty() ? shown.toString() : shown.append(" with ").append(String.join(", ", settings)).toString();
    }

    /** Only such a word may name a host as an env value does: a bare name is a host only as a host variable's value. */
    private static boolean mayNameHost(String word) {
        for (int at = 0; at < word.length(); at++) {
            char c = word.charAt(at);
            if (c == ':' || c == '.' || c == '@') {
                return true;
            }
        }
        return false;
    }

    /** Letters, digits, dots and dashes, not only digits: no IPv6 address, no socket directory, no {@code $DB_HOST}. */
    private static boolean isHostName(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-'))
                && !word.chars().allMatch(Character::isDigit);
    }

    private static boolean isPort(String word) {
        return !word.isEmpty() && word.length() <= 5 && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
