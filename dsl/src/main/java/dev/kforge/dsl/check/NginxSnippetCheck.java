package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.NginxSnippets;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/** The {@link PolicyCheck#NGINX_SNIPPET} rule on an Ingress's definition; on its raw edits, the renderer judges it. */
final class NginxSnippetCheck implements StackCheck {
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (IngressDef ingress : index.all(IngressDef.class)) {
            List<String> snippets = NginxSnippets.in(ingress.meta().annotations().entries());
            if (!snippets.isEmpty()) {
                PolicyReporter.report(stack, ingress, PolicyCheck.NGINX_SNIPPET, "sets " + NginxSnippets.RISK, String.join(", ", snippets),
                        NginxSnippets.FIX, problems);
            }
        }
    }
}
