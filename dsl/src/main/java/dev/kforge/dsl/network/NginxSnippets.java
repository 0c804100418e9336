package dev.kforge.dsl.network;

import java.util.List;
import java.util.Map;

/**
 * ingress-nginx's snippet annotations ({@code configuration-snippet}, {@code server-snippet}, {@code auth-snippet},
 * {@code stream-snippet}, {@code modsecurity-snippet}): the controller every namespace shares writes their text into its
 * nginx configuration, so whoever writes an Ingress configures the controller, which reads every namespace's Secrets
 * (CVE-2021-25742). What the nginx-snippet policy rule says of them, on a definition and on a raw edit alike.
 */
public final class NginxSnippets {
    /** What setting one does, after the verb that set it ({@code sets}, {@code raw edit "x" set}). */
    public static final String RISK = "an ingress-nginx snippet annotation, whose text the controller every namespace shares writes into its "
            + "nginx configuration: whoever writes the Ingress can make it read the Secrets of every namespace (CVE-2021-25742), and "
            + "ingress-nginx 1.9 and later refuse the Ingress unless the platform team allows snippets";
    public static final String FIX = "Use a typed option where the DSL has one (withRewriteTarget, withTls) or ingress-nginx's own "
            + "annotation for the setting, or ask the platform team to set it in the controller's configuration.";

    private NginxSnippets() {
    }

    /** The snippet annotations among {@code annotations}, sorted. */
    public static List<String> in(Map<String, String> annotations) {
        return annotations.keySet().stream().filter(NginxSnippets::isSnippet).sorted().toList();
    }

    private static boolean isSnippet(String key) {
        return key.startsWith(NginxAnnotations.PREFIX) && key.endsWith("-snippet");
    }
}
