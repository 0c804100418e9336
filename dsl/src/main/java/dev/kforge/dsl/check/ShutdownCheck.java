package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A preStop hook runs inside the pod's termination grace period: a sleep that takes all of it leaves the
 * container SIGTERM only when the grace period is over, 2 s before the kubelet kills it, too late to
 * finish its requests or close cleanly. A grace period of 0 kills the pods a Service routes to with the requests they serve.
 */
final class ShutdownCheck implements StackCheck {
    static final String ID = "pre-stop";
    static final String NO_GRACE_ID = "no-grace-period";
    /** The Kubernetes default {@code terminationGracePeriodSeconds}. */
    static final int DEFAULT_GRACE_SECONDS = 30;
    private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");
    /** A sleep in the foreground, then the end of its command: {@code sleep 45}, {@code sleep 30s && ...}, {@code sleep 1m; ...}. */
    private static final Pattern SLEEP = Pattern.compile("\\s*sleep\\s+([0-9]{1,9})([smh])?[ \\t]*(;|&&|\\n|$)");
    private static final Map<String, Long> UNIT_SECONDS = Map.of("s", 1L, "m", 60L, "h", 3600L);

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            // The kubelet gives a pod at least 1 s.
            int grace = Math.max(1, workload.terminationGracePeriodSeconds().orElse(DEFAULT_GRACE_SECONDS));
            if (workload.terminationGracePeriodSeconds().orElse(DEFAULT_GRACE_SECONDS) == 0) {
                index.all(ServiceDef.class).stream().filter(service -> routesTo(service, workload)).findFirst().ifPresent(service ->
                        problems.add(Problem.of(NO_GRACE_ID, Severity.WARNING, stack.describe(), workload, "has a grace period of 0 s, and "
                                        + service.describe() + " routes to its pods: a pod being deleted (a rollout, a scale-down, a node drain) "
                                        + "is killed at once, dropping the requests it is serving and those that reach it before the endpoints drop it",
                                "terminationGracePeriodSeconds 0",
                                "Give the pods the time they take to finish their requests, or drop withTerminationGracePeriodSeconds(0) for "
                                        + "the default " + DEFAULT_GRACE_SECONDS + " s.")));
            }
            for (ContainerDef container : workload.containers()) {
                PreStop hook = container.preStop().orElse(null);
                OptionalLong seconds = hook instanceof PreStop.Sleep sleep ? OptionalLong.of(sleep.duration().getSeconds())
                        : hook instanceof PreStop.Exec exec ? sleepSeconds(exec.command()) : OptionalLong.empty();
                if (seconds.isPresent() && seconds.getAsLong() >= grace) {
                    problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name() + " sleeps "
                                    + seconds.getAsLong() + " s before SIGTERM, but its pod's grace period is " + grace + " s: the "
                                    + "container gets SIGTERM only when the grace period is over, 2 s before it is killed, too late to shut down cleanly",
                            "preStop " + (hook instanceof PreStop.Exec ? "exec " : "") + "sleep " + seconds.getAsLong()
                                    + " s, terminationGracePeriodSeconds " + grace,
                            "Sleep well within the grace period (5 s of 30 is usual), or raise the grace period above the sleep and the time "
                                    + "the container takes to stop (withTerminationGracePeriodSeconds)."));
                }
            }
        }
    }

    private static boolean routesTo(ServiceDef service, Workload<?> workload) {
        return service.selection().orElse(null) instanceof PodSelection.OfWorkload selected
                && selected.workload().kind().equals(workload.kind()) && selected.workload().name().equals(workload.name());
    }

    /**
     * The seconds a {@code sleep N} command waits: run as the program ({@code /bin/sleep 60}, {@code sleep 1m}) or as the first
     * command of a shell script ({@code sh -c "sleep 45 && nginx -s quit"}), whose later commands only add to the wait.
     */
    private static OptionalLong sleepSeconds(List<String> command) {
        String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
        String script = program.equals("sleep") && command.size() == 2 ? "sleep " + command.get(1)
                : SHELLS.contains(program) && command.size() == 3 && command.get(1).equals("-c") ? command.get(2) : "";
        Matcher sleep = SLEEP.matcher(script);
        if (!sleep.lookingAt()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(sleep.group(1)) * (sleep.group(2) == null ? 1 : UNIT_SECONDS.get(sleep.group(2))));
    }
}
