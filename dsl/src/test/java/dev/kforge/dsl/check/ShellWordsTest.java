package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A script read as its commands' words, for the checks that look for the hosts a container's command names. */
class ShellWordsTest {
    @Test
    void splits_a_script_into_its_commands_words_without_quotes() {
        assertThat(texts("until nc -z forge-db 5432; do sleep 1; done")).containsExactly(
                List.of("until", "nc", "-z", "forge-db", "5432"), List.of("do", "sleep", "1"), List.of("done"));
        assertThat(texts("wget -qO- 'http://tgr:8080/a b' && echo \"it's \\\"up\\\"\" || exit 1")).containsExactly(
                List.of("wget", "-qO-", "http://tgr:8080/a b"), List.of("echo", "it's \"up\""), List.of("exit", "1"));
        // A pipe, a group and a line end a command; a backslash and a newline do not; "" is a word
        assertThat(texts("(echo ruok | nc zk 2181)\ncurl \\\n  -d \"\" http://tgr:8080/")).containsExactly(
                List.of("echo", "ruok"), List.of("nc", "zk", "2181"), List.of("curl", "-d", "", "http://tgr:8080/"));
    }

    @Test
    void keeps_a_redirections_ampersand_in_its_word() {
        assertThat(texts("nc -z db 5432 >/dev/null 2>&1 & wait")).containsExactly(
                List.of("nc", "-z", "db", "5432", ">/dev/null", "2>&1"), List.of("wait"));
    }

    @Test
    void expands_the_variables_whose_values_are_known_outside_single_quotes() {
        Map<String, String> env = Map.of("DB_HOST", "forge-db", "DB_PORT", "5432");
        List<List<ShellWords.Word>> commands = ShellWords.commands("curl http://$DB_HOST:8080/health \"${DB_HOST}:${DB_PORT}\" '$DB_HOST' \\$DB_PORT",
                name -> Optional.ofNullable(env.get(name)));
        assertThat(commands).singleElement().asList().containsExactly(new ShellWords.Word("curl", "curl", List.of(), true),
                new ShellWords.Word("http://forge-db:8080/health", "http://$DB_HOST:8080/health", List.of("DB_HOST=forge-db"), true),
                new ShellWords.Word("forge-db:5432", "${DB_HOST}:${DB_PORT}", List.of("DB_HOST=forge-db", "DB_PORT=5432"), true),
                // Single quotes and a backslash keep the text as it is
                new ShellWords.Word("$DB_HOST", "$DB_HOST", List.of(), true), new ShellWords.Word("$DB_PORT", "$DB_PORT", List.of(), true));
    }

    @Test
    void a_word_with_an_expansion_of_no_known_value_is_not_known() {
        assertThat(ShellWords.commands("nc -z $DB_HOST 5432 $1 $$ \"$(hostname)\" ${DB_HOST:-db} '$5' costs$", name -> Optional.empty()))
                .singleElement().asList().containsExactly(new ShellWords.Word("nc", "nc", List.of(), true),
                        new ShellWords.Word("-z", "-z", List.of(), true), new ShellWords.Word("$DB_HOST", "$DB_HOST", List.of(), false),
                        new ShellWords.Word("5432", "5432", List.of(), true),
                        // Parameters, a command substitution, a default: the shell expands them too, to what is not known here
                        new ShellWords.Word("$1", "$1", List.of(), false), new ShellWords.Word("$$", "$$", List.of(), false),
                        new ShellWords.Word("$(hostname)", "$(hostname)", List.of(), false),
                        new ShellWords.Word("${DB_HOST:-db}", "${DB_HOST:-db}", List.of(), false),
                        // A '$' in single quotes or before no name is text
                        new ShellWords.Word("$5", "$5", List.of(), true), new ShellWords.Word("costs$", "costs$", List.of(), true));
    }

    /** The words' texts, no variable's value known. */
    private static List<List<String>> texts(String script) {
        return ShellWords.commands(script, name -> Optional.empty()).stream().map(command -> command.stream().map(ShellWords.Word::text).toList()).toList();
    }

    @Test
    void tells_where_single_quotes_hold_the_text_as_it_is() {
        String script = "echo '$(A)' \"it's $(B)\" \\'$(C)";
        assertThat(ShellWords.inSingleQuotes(script, script.indexOf("$(A)"))).isTrue();
        assertThat(ShellWords.inSingleQuotes(script, script.indexOf("$(B)"))).isFalse(); // a ' inside double quotes is itself
        assertThat(ShellWords.inSingleQuotes(script, script.indexOf("$(C)"))).isFalse(); // an escaped ' opens nothing
    }
}
