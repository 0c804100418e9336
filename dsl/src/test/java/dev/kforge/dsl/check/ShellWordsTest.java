package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A script read as its commands' words, for the checks that look for the hosts a container's command names. */
class ShellWordsTest {
    @Test
    void splits_a_script_into_its_commands_words_without_quotes() {
        assertThat(ShellWords.commands("until nc -z forge-db 5432; do sleep 1; done")).containsExactly(
                List.of("until", "nc", "-z", "forge-db", "5432"), List.of("do", "sleep", "1"), List.of("done"));
        assertThat(ShellWords.commands("wget -qO- 'http://tgr:8080/a b' && echo \"it's \\\"up\\\"\" || exit 1")).containsExactly(
                List.of("wget", "-qO-", "http://tgr:8080/a b"), List.of("echo", "it's \"up\""), List.of("exit", "1"));
        // A pipe, a group and a line end a command; a backslash and a newline do not; "" is a word
        assertThat(ShellWords.commands("(echo ruok | nc zk 2181)\ncurl \\\n  -d \"\" http://tgr:8080/")).containsExactly(
                List.of("echo", "ruok"), List.of("nc", "zk", "2181"), List.of("curl", "-d", "", "http://tgr:8080/"));
    }

    @Test
    void keeps_a_redirections_ampersand_in_its_word() {
        assertThat(ShellWords.commands("nc -z db 5432 >/dev/null 2>&1 & wait")).containsExactly(
                List.of("nc", "-z", "db", "5432", ">/dev/null", "2>&1"), List.of("wait"));
    }
}
