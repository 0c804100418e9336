package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ExternalServiceAccount;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleReference;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
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
                io.fabric8.kubernetes.api.model.rbac.PolicyRule apiRule = new io.fabric8.kubernetes.api.model.rbac.PolicyRule();
                apiRule.setApiGroups(new ArrayList<>(List.of(group)));
                apiRule.setResources(rule.resources().stream().filter(r -> r.group().equals(group)).map(ApiResource::plural).toList());
                apiRule.setResourceNames(rule.resourceNames().isEmpty() ? null : new ArrayList<>(rule.resourceNames()));
                apiRule.setVerbs(rule.verbs().stream().map(Verb::apiValue).toList());
                rendered.add(apiRule);
            }
        }
        return rendered;
    }

    static RoleRef roleRef(RoleReference role) {
        return new RoleRef(RBAC_GROUP, role.kind().kind(), role.name());
    }

    /** Subjects of the stack live in the stack's namespace. */
    static List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects(List<Subject> subjects, Stack stack) {
        return subjects.stream().map(subject -> {
            io.fabric8.kubernetes.api.model.rbac.Subject rendered = new io.fabric8.kubernetes.api.model.rbac.Subject();
            rendered.setKind("ServiceAccount");
            rendered.setName(subject.name());
            rendered.setNamespace(subject instanceof ExternalServiceAccount external ? external.namespace() : stack.namespace().name());
            return rendered;
        }).toList();
    }
}
