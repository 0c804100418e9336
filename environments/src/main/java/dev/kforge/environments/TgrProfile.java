package dev.kforge.environments;

import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.workload.Resources;

/**
 * What differs between the environments of tgr. Everything else is the same code, so environments
 * differ by data only.
 *
 * @param environment the environment's name: {@code dev}, {@code staging}, {@code prod}
 * @param replicas    pods of the API
 * @param imageTag    the {@code eon01/tgr} tag to run; never {@code latest}
 * @param debug       the service's DEBUG flag
 * @param resources   requests and limits of the API container
 * @param tls         whether the Ingress serves HTTPS with the {@code tgr-tls} certificate
 * @param disruptionBudget whether node drains must leave all but one API pod running
 * @param policy      how strictly the best-practice checks apply
 * @param secrets     how the secret values reach the cluster (never through git)
 * @param routing     how the API gateway learns the route: the workshop's annotation (Ambassador 1.x)
 *                    or Mapping resources (Emissary 3)
 * @param gatewayReplicas pods of the API gateway
 */
public record TgrProfile(String environment, int replicas, String imageTag, boolean debug, Resources resources, boolean tls,
                         boolean disruptionBudget, Policy policy, SecretSource secrets, RoutingForm routing, int gatewayReplicas) {

    /** The namespace of the environment: {@code tgr-<environment>}. */
    public String namespace() {
        return "tgr-" + environment;
    }

    /** The public host name of the environment: {@code tgr.<environment>.example.com}. */
    public String host() {
        return "tgr." + environment + ".example.com";
    }
}
