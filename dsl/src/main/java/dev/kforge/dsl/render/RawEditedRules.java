package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rbac-escalation rule ({@link PolicyCheck#RBAC_ESCALATION}) on a Role's or ClusterRole's raw edits:
 * the DSL's {@code Verb} and {@code ApiResource} name what they grant, so only an edit can grant a wildcard
 * (any verb, resource, group or URL, including those added later) or the verbs with which a holder grants
 * itself more: escalate and bind (roles above its own), impersonate (any identity), approve (certificates
 * for any identity a signer serves). Impersonate and approve limited by {@code resourceNames} (named accounts, one
 * signer) grant only those, as kube-linter's impersonate-without-resource-names and approve-signers-without-resource-names
 * see it, unless a name still reaches any identity (system:masters, example.com/*, the API server's client signer);
 * escalate and bind stay reported, named or not: they reach whatever the named roles grant or come to grant.
 * So is a ClusterRole's aggregation rule, which the DSL cannot write: the cluster's controller replaces the role's rules
 * with those of every ClusterRole its selectors match, now or later (an empty selector: all, cluster-admin's among them).
 */
final class RawEditedRules {
    private static final Set<String> ESCALATING_VERBS = Set.of("*", "escalate", "bind", "impersonate", "approve");
    private static final Set<String> BOUNDED_BY_NAMES = Set.of("impersonate", "approve");

    private RawEditedRules() {
    }

    /** Throws a {@link RawEditException} naming each rule of the edited {@code role} that grants what the DSL leaves out. */
    static void check(KubeObject<?> object, HasMetadata role, Stack stack) {
        if (!PolicyRules.enforced(PolicyCheck.RBAC_ESCALATION, object, stack)) {
            return;
        }
        List<PolicyRule> rules = role instanceof Role namespaced ? namespaced.getRules() : ((ClusterRole) role).getRules();
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < RawEditResultCheck.orEmpty(rules).size(); i++) {
            PolicyRule rule = rules.get(i);
            List<String> found = new ArrayList<>();
            List<String> names = RawEditResultCheck.orEmpty(rule.getResourceNames());
            boolean named = !names.isEmpty() && names.stream().noneMatch(RawEditedRules::unbounded);
            RawEditResultCheck.orEmpty(rule.getVerbs()).stream()
                    .filter(verb -> ESCALATING_VERBS.contains(verb) && !(named && BOUNDED_BY_NAMES.contains(verb)))
                    .forEach(verb -> found.add("verb " + verb + (names.isEmpty() || !BOUNDED_BY_NAMES.contains(verb) ? ""
                            : " of " + String.join(", ", names.stream().filter(RawEditedRules::unbounded).toList()))));
            wildcard("resource", rule.getResources(), found);
            wildcard("API group", rule.getApiGroups(), found);
            wildcard("nonResourceURL", rule.getNonResourceURLs(), found);
            if (!found.isEmpty()) {
                grants.add("rule " + (i + 1) + ": " + String.join(", ", found));
            }
        }
        if (role instanceof ClusterRole clusterRole && clusterRole.getAggregationRule() != null) {
            grants.add("aggregationRule: the rules of every ClusterRole" + aggregated(clusterRole.getAggregationRule())
                    + ", which the cluster's controller writes over the role's own");
        }
        if (!grants.isEmpty()) {
            throw new RawEditException(PolicyRules.severityOf(List.of(PolicyCheck.RBAC_ESCALATION), stack), object, RawEditException.editsOf(object)
                    + " granted what the DSL's rules leave out, with which the role's holders can give themselves more than it says",
                    String.join("; ", grants), "Grant named verbs on named resources in the definition, e.g. PolicyRule.allow(Verb.GET)"
                    + ".on(ApiResource.PODS); a controller that needs it waives the rule with its reason: "
                    + PolicyRules.waiving(List.of(PolicyCheck.RBAC_ESCALATION)) + ".", object.meta().origin(), null);
        }
    }

    /**
     * A resource name that bounds impersonate or approve to nothing less than any identity: a reserved {@code system:}
     * user or group (system:masters is every permission), a signer domain's wildcard ({@code example.com/*}, every signer
     * of it), or the API server's client signer, which signs any user and group asked for.
     */
    private static boolean unbounded(String name) {
        return name.startsWith("system:") || name.endsWith("/*") || name.equals("kubernetes.io/kube-apiserver-client");
    }

    /** Which ClusterRoles the selectors take: every one if any selector is empty (or there is none), else their labels. */
    private static String aggregated(AggregationRule aggregation) {
        List<LabelSelector> selectors = RawEditResultCheck.orEmpty(aggregation.getClusterRoleSelectors());
        if (selectors.isEmpty() || selectors.stream().anyMatch(RawEditedRules::selectsAll)) {
            return ", cluster-admin's included";
        }
        return " labelled " + String.join(" or ", selectors.stream().map(RawEditedRules::describe).toList());
    }

    private static boolean selectsAll(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) && RawEditResultCheck.orEmpty(selector.getMatchExpressions()).isEmpty();
    }

    private static String describe(LabelSelector selector) {
        List<String> terms = new ArrayList<>();
        new TreeMap<>(selector.getMatchLabels() == null ? Map.<String, String>of() : selector.getMatchLabels()).forEach((key, value) -> terms.add(key + "=" + value));
        RawEditResultCheck.orEmpty(selector.getMatchExpressions()).forEach(expression -> terms.add(expression.getKey() + " "
                + expression.getOperator() + " " + RawEditResultCheck.orEmpty(expression.getValues())));
        return String.join(", ", terms);
    }

    private static void wildcard(String field, List<String> values, List<String> found) {
        if (RawEditResultCheck.orEmpty(values).contains("*")) {
            found.add(field + " *");
        }
    }
}
