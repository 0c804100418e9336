package dev.kforge.environments;

import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.workload.Resources;

/**
 * What differs between the environments of tgr. Everything else is the same code, so environments
 * differ by data only.
 *
 * @param app         the application's name, {@code tgr}; every object name derives from it
 * @param environment the environment's name: {@code dev}, {@code staging}, {@code prod}
 * @param replicas    pods of the API; with {@code maxReplicas} above it, the autoscaler's floor
 * @param maxReplicas the most pods an autoscaler may run (on CPU use); equal to {@code replicas}: a fixed count, no autoscaler
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
 * @param registryCredentials whether the pods pull their image with the {@code registry-credentials} Secret (a
 *                    private registry or mirror); without it they pull the public image anonymously
 * @param preview     whether it is a short-lived preview of one pull request ({@link TgrProfiles#preview}): its host is then
 *                    under the application's own domain, which one wildcard DNS record serves for every preview
 */
public record TgrProfile(String app, String environment, int replicas, int maxReplicas, String imageTag, boolean debug, Resources resources, boolean tls,
                         boolean disruptionBudget, Policy policy, SecretSource secrets, RoutingForm routing, int gatewayReplicas,
                         boolean registryCredentials, boolean preview) {

    /** Whether an autoscaler scales the API between {@code replicas} and {@code maxReplicas}. */
    public boolean autoscaled() {
        return maxReplicas > replicas;
    }

    /** The namespace of the environment: {@code <app>-<environment>}, e.g. {@code tgr-dev}. */
    public String namespace() {
        return app + "-" + environment;
    }

    /**
     * The public host name of the environment: {@code <app>.<environment>.example.com}, or {@code <environment>.<app>.example.com}
     * for a preview ({@code pr-123.tgr.example.com}, served by a {@code *.tgr.example.com} record).
     */
    public String host() {
        return preview ? environment + "." + app + ".example.com" : app + "." + environment + ".example.com";
    }

    /** The same environment for another copy of the application (the scale benchmark's {@code tgr-7}). */
    public TgrProfile withApp(String otherApp) {
        return new TgrProfile(otherApp, environment, replicas, maxReplicas, imageTag, debug, resources, tls, disruptionBudget, policy, secrets,
                routing, gatewayReplicas, registryCredentials, preview);
    }
}
