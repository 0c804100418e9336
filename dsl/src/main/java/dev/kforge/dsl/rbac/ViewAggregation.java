package dev.kforge.dsl.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in view ClusterRole takes the rules of every ClusterRole labelled {@code rbac.authorization.k8s.io/aggregate-to-view:
 * "true"}, and edit and admin take view's: every subject bound to view, often every developer of a cluster, gets them in every
 * namespace view is bound in. View reads no Secrets (they hold the credentials of the namespace's accounts and services) and
 * writes nothing, on purpose; a rule aggregated into it that does either hands that to them all. Edit and admin read and write
 * their namespace's Secrets already, so only view is judged. What the rule says of a definition and of a raw edit alike.
 */
public final class ViewAggregation {
    public static final String LABEL = "rbac.authorization.k8s.io/aggregate-to-view";
    /** What the label does, after the words that say the role carries it. */
    public static final String RISK = "so the cluster's controller adds its rules to the built-in view role, and through it to edit's and "
            + "admin's: every subject bound to view, in any namespace, may then do what view leaves out on purpose, read Secrets (the "
            + "passwords and tokens of the namespace's services and accounts) or write";
    public static final String FIX = "Remove the label and bind this role to the subjects that need it instead: "
            + "RoleBindingDef.named(..).granting(clusterRole).to(account) in their namespace.";
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    private ViewAggregation() {
    }

    /** Whether {@code labels} aggregate their role into view (the controller's selector asks for {@code "true"}). */
    public static boolean aggregatesIntoView(Map<String, String> labels) {
        return "true".equals(labels.get(LABEL));
    }

    /**
     * What one API rule, {@code verbs} on every resource of {@code resources} in every group of {@code groups}, gives view's
     * subjects that view withholds: {@code reads Secrets: get on secrets}, {@code writes: create on configmaps}, or both.
     */
    public static List<String> withheld(List<String> verbs, List<String> groups, List<String> resources) {
        String grant = String.join(", ", verbs) + " on " + String.join(", ", resources)
                + (groups.equals(List.of("")) ? "" : " (API group " + String.join(", ", groups) + ")");
        List<String> found = new ArrayList<>();
        boolean core = groups.contains("") || groups.contains("*");
        boolean secrets = core && (resources.contains("secrets") || resources.contains("*"));
        if (secrets && verbs.stream().anyMatch(verb -> READ_VERBS.contains(verb) || verb.equals("*"))) {
            found.add("reads Secrets: " + grant);
        }
        if (verbs.stream().anyMatch(verb -> !READ_VERBS.contains(verb))) {
            found.add("writes: " + grant);
        }
        return found;
    }
}
