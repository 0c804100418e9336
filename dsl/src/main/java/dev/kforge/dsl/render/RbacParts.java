package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ExternalServiceAccount;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleReference;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import java.util.ArrayList;
import java.util.List;

/** The parts Roles and bindings share: rules, role references and subjects. */
final class RbacParts {
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private RbacParts() {
    }

    /**
     * One API rule per (rule, API group): the API grants every listed group on every listed
     * resource, so mixing groups in one rule would grant more than was written.
     */
    static List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rules(List<PolicyRule> rules) {
        List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rendered = new ArrayList<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.groups()) {
                rendered.add(new PolicyRuleBuilder()
                        .withApiGroups(group)
                        .withResources(rule.resources().stream().filter(r -> r.group().equals(group)).map(ApiResource::plural).toList())
                        .withResourceNames(rule.resourceNames().isEmpty() ? null : List.copyOf(rule.resourceNames()))
                        .withVerbs(rule.verbs().stream().map(Verb::apiValue).toList())
                        .build());
            }
        }
        return rendered;
    }

    static RoleRef roleRef(RoleReference role) {
        return new RoleRefBuilder().withApiGroup(RBAC_GROUP).withKind(role.kind().kind()).withName(role.name()).build();
    }

    /** Subjects of the stack live in the stack's namespace. */
    static List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects(List<Subject> subjects, Stack stack) {
        return subjects.stream().map(subject -> new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder()
                .withKind("ServiceAccount")
                .withName(subject.name())
                .withNamespace(subject instanceof ExternalServiceAccount external ? external.namespace() : stack.namespace().name())
                .build()).toList();
    }
}
