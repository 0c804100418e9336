package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
 * A client's host given as a variable ({@code nc -z $DB_HOST 5432}) is the value the container's env gives it, when known; any
 * other variable ({@code http://$DB_HOST:8080}) and a program's own host flag ({@code --db-host forge-db}) are not read.
 */
final class CommandValues {
    private static final Set<String> NETCATS = Set.of("nc", "ncat", "netcat");
    /** Options of nc (OpenBSD, BusyBox) and ncat whose value is the next word: {@code -w 2}, {@code -p 4000} (a source port). */
    private static final Set<String> NETCAT_OPTIONS_WITH_VALUE = Set.of("-I", "-i", "-M", "-m", "-O", "-P", "-p", "-q", "-s", "-T", "-V", "-W",
            "-w", "-X", "-x", "-e", "-c", "-f", "-o", "-d", "-g", "-G", "--wait", "--source-port", "--source", "--exec", "--sh-exec",
            "--proxy", "--proxy-type", "--proxy-auth", "--output", "--hex-dump", "--idle-timeout", "--delay", "--max-conns");
    /** The option naming the port, by client; each names its host with {@code -h} or {@code --host}, and {@code --port} works too. */
    /** A word that is a variable the kubelet expands ({@code $(DB_HOST)}), or one a shell does ({@code $DB_HOST}, {@code ${DB_HOST}}). */
    private static final Pattern KUBERNETES_VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)})");
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

    /** A word of a container's command ({@code args} false) or args, {@code scripted} when it is a word of its shell script. */
    private record Token(String text, boolean args, boolean scripted) {
    }

    /** The container read, and the values found so far. */
    private record Reading(ContainerDef container, boolean init, StackIndex index, List<Word> values) {
        void add(String text, String value, Token token, boolean isHost) {
            values.add(new Word(text, value, container, init, token.args(), isHost));
        }
    }

    /** A host a client names, and how it came from a variable's value, for the warning: {@code with DB_HOST=forge-db}. */
    private record Host(String name, String from) {
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
        for (List<Token> command : commands(container)) {
            for (int at = 0; at < command.size(); at++) {
                Token token = command.get(at);
                String program = ShellScript.program(token.text());
                if (NETCATS.contains(program)) {
                    netcat(command, at, reading);
                } else if (CLIENT_PORT_OPTIONS.containsKey(program)) {
                    client(command, at, CLIENT_PORT_OPTIONS.get(program), reading);
                }
                if (mayNameHost(token.text())) {
                    reading.add(token.text(), token.text(), token, false);
                }
            }
        }
    }

    /** The container's command then args as commands: exec-form words run together, a shell script's commands apart. */
    private static List<List<Token>> commands(ContainerDef container) {
        int script = ShellScript.of(container).map(ShellScript::at).orElse(-1);
        List<List<Token>> commands = new ArrayList<>();
        List<Token> exec = new ArrayList<>();
        commands.add(exec);
        int at = 0;
        for (int field = 0; field < 2; field++) {
            boolean args = field == 1;
            for (String element : args ? container.args() : container.command()) {
                if (at++ != script) {
                    exec.add(new Token(element, args, false));
                    continue;
                }
                for (List<String> scripted : ShellWords.commands(element)) {
                    commands.add(scripted.stream().map(word -> new Token(word, args, true)).toList());
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
        host(token, reading).ifPresent(host -> reading.add(host.name() + ":" + command.get(operands.get(1)).text(),
                shown(command, program, operands.get(1)) + host.from(), token, false));
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
                host = new Token(word.substring(word.startsWith("--") ? "--host=".length() : 2), command.get(at).args(), command.get(at).scripted());
            } else if ((word.equals(portOption) || word.equals("--port")) && valueFollows) {
                port = command.get(++at).text();
            } else if (word.startsWith("--port=") || word.startsWith(portOption) && !word.startsWith("--")) {
                port = word.substring(word.startsWith("--") ? "--port=".length() : 2);
            }
        }
        if (host == null) {
            return;
        }
        boolean hasPort = port != null && isPort(port);
        String portText = port;
        Token token = host;
        host(token, reading).ifPresent(named -> reading.add(hasPort ? named.name() + ":" + portText : named.name(),
                shown(command, program, command.size() - 1) + named.from(), token, !hasPort));
    }

    /**
     * The host a client's host word names: the word itself, or the value the container's env gives the variable it is: {@code $(NAME)}
     * (the kubelet's expansion) anywhere, {@code $NAME} and {@code ${NAME}} in a shell script; none for a variable whose value is
     * not known ({@link EnvValues#valueOf}) or not a host name.
     */
    private static Optional<Host> host(Token token, Reading reading) {
        Matcher kubernetes = KUBERNETES_VARIABLE.matcher(token.text());
        Matcher shell = SHELL_VARIABLE.matcher(token.text());
        String name = kubernetes.matches() ? kubernetes.group(1)
                : token.scripted() && shell.matches() ? (shell.group(1) != null ? shell.group(1) : shell.group(2)) : null;
        if (name == null) {
            return isHostName(token.text()) ? Optional.of(new Host(token.text(), "")) : Optional.empty();
        }
        return EnvValues.valueOf(reading.container(), name, reading.index()).map(EnvValues.Variable::value).filter(CommandValues::isHostName)
                .map(value -> new Host(value, " with " + name + "=" + value));
    }

    /** The words from {@code first} to {@code last}, as a warning shows them: {@code nc -z forge-db 5432}. */
    private static String shown(List<Token> command, int first, int last) {
        StringBuilder shown = new StringBuilder(command.get(first).text());
        for (int at = first + 1; at <= last; at++) {
            shown.append(' ').append(command.get(at).text());
        }
        return shown.toString();
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
