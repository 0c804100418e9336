package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/** What a StatefulSet refuses where it is written. */
class StatefulSetDefTest {
    private static final StatefulSetDef DB = StatefulSetDef.named("db")
            .running(ContainerDef.named("db").image(Image.of("postgres", "16.4")).withMount(Volumes.claim("data", Memory.gibibytes(10)), "/data"));

    @Test
    void refuses_a_grace_period_of_zero_which_lets_a_second_pod_of_the_same_identity_start_before_the_first_stops() {
        assertThatThrownBy(() -> DB.withTerminationGracePeriodSeconds(0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("StatefulSet db: terminationGracePeriodSeconds 0 is invalid: must be at least 1 for a StatefulSet's pods (deleting "
                        + "a pod without a grace period removes it from the API at once, before its containers stop, so the StatefulSet may "
                        + "start a pod of the same identity (db-0, its name and disks) beside it). Give the seconds a pod takes to stop, or leave it out for "
                        + "the default 30.");
        assertThat(DB.withTerminationGracePeriodSeconds(1).terminationGracePeriodSeconds()).contains(1);
    }
}
