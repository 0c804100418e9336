package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingRulesTest {
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void keeps_the_policies_in_the_order_given_with_the_select_policy_and_window() {
        ScalingRules rules = ScalingRules.atMost(ScalingLimit.pods(4)).per(MINUTE)
                .orAtMost(ScalingLimit.percent(100)).per(Duration.ofSeconds(15))
                .withSelectPolicy(SelectPolicy.MIN)
                .stabilizedFor(Duration.ofMinutes(5));
        assertThat(rules.policies()).containsExactly(new ScalingPolicy(ScalingLimit.pods(4), MINUTE),
                new ScalingPolicy(ScalingLimit.percent(100), Duration.ofSeconds(15)));
        assertThat(rules.selectPolicy()).contains(SelectPolicy.MIN);
        assertThat(rules.stabilizationWindowSeconds()).contains(300);
        assertThat(rules.policies().toString()).isEqualTo("[4 pods per 60s, 100% per 15s]");
        assertThat(ScalingRules.defaultPolicies().policies()).isEmpty();
        assertThat(ScalingRules.disabled().selectPolicy()).contains(SelectPolicy.DISABLED);
    }

    @Test
    void refuses_a_limit_of_nothing() {
        assertThatThrownBy(() -> ScalingLimit.pods(0)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ScalingLimit pods: value 0 is invalid: must be above 0. Give how many pods (ScalingLimit.pods(4)) or what "
                        + "percentage of the running pods (ScalingLimit.percent(50)) one period may add or remove; to stop scaling in a "
                        + "direction, use ScalingRules.disabled().");
        assertThatThrownBy(() -> ScalingLimit.percent(-10)).hasMessageStartingWith("ScalingLimit percent: value -10 is invalid: must be above 0.");
        assertThat(ScalingLimit.percent(300).value()).isEqualTo(300);
    }

    @Test
    void refuses_a_period_the_api_server_refuses() {
        String hint = " is invalid: must be a whole number of seconds from 1 to 1800. Give the window the limit counts over, "
                + "e.g. per(Duration.ofSeconds(60)).";
        assertThatThrownBy(() -> ScalingRules.atMost(ScalingLimit.pods(4)).per(Duration.ZERO))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ScalingPolicy 4 pods: periodSeconds 0" + hint);
        assertThatThrownBy(() -> ScalingRules.atMost(ScalingLimit.percent(50)).per(Duration.ofSeconds(1801)))
                .hasMessage("ScalingPolicy 50%: periodSeconds 1801" + hint);
        assertThatThrownBy(() -> ScalingRules.atMost(ScalingLimit.pods(1)).per(Duration.ofMillis(1500)))
                .hasMessage("ScalingPolicy 1 pod: periodSeconds \"PT1.5S\"" + hint);
        assertThatThrownBy(() -> ScalingRules.atMost(ScalingLimit.pods(1)).per(null))
                .hasMessage("ScalingPolicy 1 pod: periodSeconds is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThat(ScalingRules.atMost(ScalingLimit.pods(1)).per(Duration.ofMinutes(30)).policies().get(0).periodSeconds()).isEqualTo(1800);
    }

    @Test
    void refuses_a_window_beyond_an_hour_or_below_zero() {
        String hint = " is invalid: must be a whole number of seconds from 0 to 3600. Give how long the load must keep asking for the "
                + "change, e.g. stabilizedFor(Duration.ofMinutes(5)).";
        assertThatThrownBy(() -> ScalingRules.defaultPolicies().stabilizedFor(Duration.ofSeconds(3601)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ScalingRules: stabilizationWindowSeconds 3601" + hint);
        assertThatThrownBy(() -> ScalingRules.defaultPolicies().stabilizedFor(Duration.ofSeconds(-1)))
                .hasMessage("ScalingRules: stabilizationWindowSeconds -1" + hint);
        assertThat(ScalingRules.defaultPolicies().stabilizedFor(Duration.ZERO).stabilizationWindowSeconds()).contains(0);
    }

    @Test
    void refuses_policies_or_a_window_beside_disabled_scaling() {
        ScalingRules fourPods = ScalingRules.atMost(ScalingLimit.pods(4)).per(MINUTE);
        assertThatThrownBy(() -> fourPods.withSelectPolicy(SelectPolicy.DISABLED))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ScalingRules: policies [4 pods per 60s] cannot go with selectPolicy Disabled, which turns scaling in this "
                        + "direction off and ignores them. Use ScalingRules.disabled() alone, or SelectPolicy.MAX or MIN.");
        assertThatThrownBy(() -> ScalingRules.disabled().orAtMost(ScalingLimit.pods(4)).per(MINUTE))
                .hasMessageStartingWith("ScalingRules: policies [4 pods per 60s] cannot go with selectPolicy Disabled");
        assertThatThrownBy(() -> ScalingRules.disabled().stabilizedFor(Duration.ofMinutes(5)))
                .hasMessage("ScalingRules: stabilizationWindowSeconds 300 cannot go with selectPolicy Disabled: no scaling in this "
                        + "direction is left to stabilize. Use ScalingRules.disabled() alone.");
    }

    @Test
    void refuses_two_limits_of_one_unit_over_one_period() {
        assertThatThrownBy(() -> ScalingRules.atMost(ScalingLimit.pods(4)).per(MINUTE).orAtMost(ScalingLimit.pods(10)).per(MINUTE))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ScalingRules: policies [4 pods per 60s, 10 pods per 60s] limit Pods twice per 60s (4 pods per 60s, 10 pods "
                        + "per 60s): one always allows more than the other, so only one of them ever decides. Keep one of them.");
        assertThatThrownBy(() -> ScalingRules.atMost(ScalingLimit.percent(50)).per(MINUTE).orAtMost(ScalingLimit.pods(2)).per(MINUTE)
                .orAtMost(ScalingLimit.percent(50)).per(Duration.ofMinutes(1)))
                .hasMessageContaining("limit Percent twice per 60s (50% per 60s, 50% per 60s)");
        assertThat(ScalingRules.atMost(ScalingLimit.pods(4)).per(MINUTE).orAtMost(ScalingLimit.pods(10)).per(Duration.ofMinutes(5))
                .orAtMost(ScalingLimit.percent(100)).per(MINUTE).policies()).hasSize(3);
    }

    @Test
    void refuses_nulls_where_they_are_passed() {
        assertThatThrownBy(() -> new ScalingRules(List.of(), null, Optional.empty()))
                .hasMessage("ScalingRules: selectPolicy is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> ScalingRules.defaultPolicies().withSelectPolicy(null))
                .hasMessage("ScalingRules: selectPolicy is missing (null). Pass a value, or drop the call to keep the default.");
        assertThatThrownBy(() -> ScalingRules.atMost(null).per(MINUTE))
                .hasMessage("ScalingPolicy: limit is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }
}
