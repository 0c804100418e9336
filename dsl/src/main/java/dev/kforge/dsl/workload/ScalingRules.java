package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Lists;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How fast an autoscaler may scale in one direction: {@code behavior.scaleUp} or {@code behavior.scaleDown} of
 * autoscaling/v2, given to {@link HorizontalPodAutoscalerDef#withScaleUp} or {@link HorizontalPodAutoscalerDef#withScaleDown}.
 * <pre>{@code
 * ScalingRules.atMost(ScalingLimit.pods(4)).per(Duration.ofSeconds(60))
 *         .orAtMost(ScalingLimit.percent(100)).per(Duration.ofSeconds(60))   // whichever allows more (SelectPolicy.MAX)
 *         .stabilizedFor(Duration.ofSeconds(30))
 * ScalingRules.defaultPolicies().stabilizedFor(Duration.ofMinutes(10))        // Kubernetes' policies, a longer window
 * ScalingRules.disabled()                                                     // never in this direction
 * }</pre>
 *
 * @param policies            the limits, in the order given; none keeps the Kubernetes defaults (scale-up: 4 pods or 100% per
 *                            15 s, scale-down: 100% per 15 s)
 * @param selectPolicy        which policy decides; default {@link SelectPolicy#MAX}
 * @param stabilizationWindow how long the autoscaler looks back before acting, the recommendation it follows being the
 *                            most cautious of that window; whole seconds up to an hour; default 0 up, 300 s down
 */
public record ScalingRules(List<ScalingPolicy> policies, Optional<SelectPolicy> selectPolicy, Optional<Duration> stabilizationWindow) {
    /** The longest stabilization window the API accepts: one hour. */
    static final int MAX_STABILIZATION_SECONDS = 3600;

    private static final String SUBJECT = "ScalingRules";

    public ScalingRules {
        policies = Given.all(SUBJECT, "policies", policies);
        Given.value(SUBJECT, "selectPolicy", selectPolicy);
        Given.value(SUBJECT, "stabilizationWindow", stabilizationWindow);
        stabilizationWindow.ifPresent(window -> WholeSeconds.require(SUBJECT, "stabilizationWindowSeconds", window, 0, MAX_STABILIZATION_SECONDS,
                "Give how long the load must keep asking for the change, e.g. stabilizedFor(Duration.ofMinutes(5))."));
        if (selectPolicy.equals(Optional.of(SelectPolicy.DISABLED))) {
            if (!policies.isEmpty()) {
                throw InvalidDefinitionException.invalid(SUBJECT, "policies", policies, "cannot go with selectPolicy Disabled, which "
                        + "turns scaling in this direction off and ignores them", "Use ScalingRules.disabled() alone, or SelectPolicy.MAX or MIN.");
            }
            stabilizationWindow.ifPresent(window -> {
                throw InvalidDefinitionException.invalid(SUBJECT, "stabilizationWindowSeconds", window.getSeconds(), "cannot go with selectPolicy "
                        + "Disabled: no scaling in this direction is left to stabilize", "Use ScalingRules.disabled() alone.");
            });
        }
        for (int i = 0; i < policies.size(); i++) {
            for (int j = i + 1; j < policies.size(); j++) {
                if (policies.get(i).overlaps(policies.get(j))) {
                    throw InvalidDefinitionException.invalid(SUBJECT, "policies", policies, "limit " + policies.get(i).limit().unit().apiValue()
                            + " twice per " + policies.get(i).periodSeconds() + "s (" + policies.get(i) + ", " + policies.get(j)
                            + "): one always allows more than the other, so only one of them ever decides", "Keep one of them.");
                }
            }
        }
    }

    /** Rules with a first limit: {@code atMost(ScalingLimit.pods(4)).per(Duration.ofSeconds(60))}. */
    public static PeriodStep atMost(ScalingLimit limit) {
        return new PeriodStep(defaultPolicies(), limit);
    }

    /** The Kubernetes default policies, to change only the window ({@link #stabilizedFor}) or the select policy. */
    public static ScalingRules defaultPolicies() {
        return new ScalingRules(List.of(), Optional.empty(), Optional.empty());
    }

    /** No scaling in this direction ({@code selectPolicy: Disabled}), e.g. an autoscaler that only ever adds pods. */
    public static ScalingRules disabled() {
        return defaultPolicies().withSelectPolicy(SelectPolicy.DISABLED);
    }

    /** A further limit; the select policy says which decides (by default whichever allows more). */
    public PeriodStep orAtMost(ScalingLimit limit) {
        return new PeriodStep(this, limit);
    }

    /** A copy in which {@code select} says which policy decides. */
    public ScalingRules withSelectPolicy(SelectPolicy select) {
        return new ScalingRules(policies, Optional.of(Given.optional(SUBJECT, "selectPolicy", select)), stabilizationWindow);
    }

    /** A copy that acts only on what the load has asked for during all of {@code window}. */
    public ScalingRules stabilizedFor(Duration window) {
        return new ScalingRules(policies, selectPolicy, Optional.of(Given.optional(SUBJECT, "stabilizationWindow", window)));
    }

    /** {@code stabilizationWindowSeconds}, when given. */
    public Optional<Integer> stabilizationWindowSeconds() {
        return stabilizationWindow.map(window -> (int) window.getSeconds());
    }

    /** The step that takes the period a limit counts over. */
    public record PeriodStep(ScalingRules rules, ScalingLimit limit) {
        /** The rules with at most {@code limit} per {@code period} (whole seconds, 1 to 1800). */
        public ScalingRules per(Duration period) {
            return new ScalingRules(Lists.append(rules.policies(), new ScalingPolicy(limit, period)), rules.selectPolicy(),
                    rules.stabilizationWindow());
        }
    }
}
