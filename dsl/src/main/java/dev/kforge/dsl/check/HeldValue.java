package dev.kforge.dsl.check;

import dev.kforge.dsl.core.UrlPasswords;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * A value a workload's container holds that may name a host it connects to: an env var's ({@link EnvValues}), or a word or a
 * connection of its command and args ({@link CommandValues}). Where it is held is worded only for a warning: every workload's
 * values are read on every render.
 */
interface HeldValue {
    /** The text read for host names: an env value; for a command, a word or the {@code host:port} its words give apart. */
    String text();

    /** The value as the container holds it: the env value, the word, or the words giving the host and port. */
    String value();

    /** The value as a warning shows it, which terminals and CI logs keep: without the password of a URL's user. */
    default String shown() {
        return UrlPasswords.redacted(value());
    }

    /** {@code env DB_HOST of container forge}, {@code command of init container wait-db}. */
    String where();

    /** Whether the text is a host even as a bare name: a host variable's ({@code DB_HOST=forge-db}) or a host option's ({@code -h forge-db}). */
    boolean isHost();

    /** Whether its hosts are connections: not those of {@code NO_PROXY}, which lists the hosts reached without a proxy, if at all. */
    boolean namesConnections();

    /** The hint's way out when the workload never connects there: {@code drop the variable}. */
    String dropHint();

    /** The values of every container of {@code workload}: env values, then those of commands and args. */
    static List<HeldValue> of(Workload<?> workload, StackIndex index) {
        List<EnvValues.Variable> env = EnvValues.of(workload, index);
        List<CommandValues.Word> commands = CommandValues.of(workload, index);
        if (commands.isEmpty()) {
            return List.copyOf(env);
        }
        List<HeldValue> values = new ArrayList<>(env);
        values.addAll(commands);
        return values;
    }
}
