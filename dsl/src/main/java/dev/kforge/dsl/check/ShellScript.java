package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.ContainerDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The script a container runs through a shell ({@code sh -c "..."}, also with other options in one word: {@code sh -ec},
 * {@code bash -xc}, or before it: {@code bash -o pipefail -c}), read from its command then args as Kubernetes runs them. The
 * shell may be run by {@code env} (after its options and {@code NAME=value} settings) or {@code busybox}. Its options end at
 * the first word that is none: a script file, whose arguments ({@code sh backup.sh -c ...}) the shell does not read.
 *
 * @param at   where the script is among the command's then the args' words
 * @param text the script
 */
record ShellScript(int at, String text) {
    /** The shells whose {@code -c} script reads {@code $(...)} as a command substitution and {@code $NAME} as a variable. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
    /** Programs that run the command their arguments name: {@code env sh -c ...}, {@code busybox sh -c ...}. */
    private static final Set<String> WRAPPERS = Set.of("env", "busybox");
    /** env's options whose value is the next word ({@code env -u NAME sh -c}). */
    private static final Set<String> ENV_OPTIONS_WITH_VALUE = Set.of("-u", "--unset", "-C", "--chdir");
    /** A shell's options whose value is the next word ({@code bash -o pipefail -c}, {@code bash -O extglob -c}). */
    private static final Set<String> SHELL_OPTIONS_WITH_VALUE = Set.of("-o", "+o", "-O", "+O", "--rcfile", "--init-file");
    /** A shell's short options in one word, among them c: the script follows ({@code -c}, {@code -ec}, {@code -euxc}). */
    private static final Pattern SCRIPT_OPTION = Pattern.compile("-[a-zA-Z]*c[a-zA-Z]*");

    /** The script {@code container} runs, if it runs a shell with {@code -c} and a script after it. */
    static Optional<ShellScript> of(ContainerDef container) {
        if (container.command().isEmpty() && container.args().isEmpty()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(container.command());
        words.addAll(container.args());
        int word = 0;
        while (word < words.size() && WRAPPERS.contains(program(words.get(word)))) {
            word++;
            while (word < words.size() && (words.get(word).startsWith("-") || words.get(word).contains("="))) {
                word += ENV_OPTIONS_WITH_VALUE.contains(words.get(word)) ? 2 : 1;
            }
        }
        if (word >= words.size() || !SHELLS.contains(program(words.get(word)))) {
            return Optional.empty();
        }
        for (word++; word < words.size(); word++) {
            String option = words.get(word);
            if (SCRIPT_OPTION.matcher(option).matches()) {
                return word + 1 < words.size() ? Optional.of(new ShellScript(word + 1, words.get(word + 1))) : Optional.empty();
            }
            if (option.equals("--") || !option.startsWith("-") && !option.startsWith("+")) {
                return Optional.empty();
            }
            if (SHELL_OPTIONS_WITH_VALUE.contains(option)) {
                word++;
            }
        }
        return Optional.empty();
    }

    /** The name of the program {@code path} runs: {@code sh} for {@code /busybox/sh}. */
    static String program(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
