package dev.kforge.environments;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.gateway.AmbassadorMapping;
import dev.kforge.dsl.gateway.EmissaryHost;
import dev.kforge.dsl.gateway.EmissaryListener;
import dev.kforge.dsl.gateway.EmissaryMapping;
import dev.kforge.dsl.gateway.GatewayInstallation;
import dev.kforge.dsl.gateway.RetryPolicy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.NamespaceDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The API gateway of the tgr stack and the route to the tgr Service, in the routing form the
 * environment chooses. It replaces the workshop's remote {@code ambassador-rbac.yaml} and
 * {@code ambassador-service.yaml}.
 */
public final class TgrGateway {
    /**
     * Longer than the service takes at most for a cold GitHub call (its Tuning: 3 s to connect, 10 s
     * to read), whose answer it then caches: a shorter one turns a slow GitHub into 504s.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /**
     * Only a request that never reached a pod is tried again, on another one. Replaying a slow answer
     * or the service's own 502 (GitHub failed) or 503 (rate limited) would multiply the GitHub calls
     * when GitHub can least take them: each pod has its own cache.
     */
    static final RetryPolicy RETRIES = RetryPolicy.on(RetryPolicy.RetryOn.CONNECT_FAILURE, 2);

    private TgrGateway() {
    }

    /**
     * The gateway of the environment: the release that reads its routing form, its replicas, HTTPS
     * where it terminates TLS (Mapping resources with a certificate), a disruption budget where the
     * profile wants one.
     */
    public static GatewayInstallation installation(TgrProfile profile, NamespaceDef namespace) {
        GatewayInstallation gateway = GatewayInstallation.forRouting(profile.routing(), namespace).withReplicas(profile.gatewayReplicas());
        if (profile.tls() && profile.routing() == RoutingForm.MAPPING_RESOURCES) {
            gateway = gateway.withHttps();
        }
        return profile.disruptionBudget() ? gateway.withDisruptionBudget() : gateway;
    }

    /**
     * The gateway installation's objects (ServiceAccount, RBAC, Deployment, the {@code ambassador} entry
     * Service, the admin Service, and a disruption budget when the profile wants one), plus the tgr
     * Service and its route:
     * <ul>
     *   <li>{@link RoutingForm#ANNOTATION}: Ambassador 1.14 and the tgr Service carrying the
     *       workshop's {@code getambassador.io/config} mapping ({@code tgr_mapping}, prefix {@code /});</li>
     *   <li>{@link RoutingForm#MAPPING_RESOURCES}: Emissary 3.10, the plain tgr Service, an HTTP
     *       Listener on 8080 (and HTTPS on 8443 with TLS), a Host for the profile's host (with the
     *       certificate when the profile has TLS) and a Mapping of {@code /} with a timeout and retries.</li>
     * </ul>
     *
     * @param profile         the environment (host, TLS, routing form)
     * @param gateway         the environment's gateway, from {@link #installation}
     * @param tgr             the tgr Service, without a mapping annotation
     * @param web             its port the gateway routes to
     * @param certificate     the {@code kubernetes.io/tls} Secret of the profile's host; used only with TLS
     * @return the objects to add to the stack, the tgr Service among them
     */
    public static List<KubeObject<?>> objects(TgrProfile profile, GatewayInstallation gateway, ServiceDef tgr, ServicePort web,
                                              SecretDef certificate) {
        RoutingForm form = profile.routing();
        boolean https = gateway.servesHttps();
        List<KubeObject<?>> objects = new ArrayList<>(gateway.objects());
        if (form == RoutingForm.ANNOTATION) {
            objects.add(AmbassadorMapping.named(profile.app() + "_mapping").prefix("/").withTimeout(TIMEOUT).addTo(tgr.backend(web)));
            return List.copyOf(objects);
        }
        objects.add(tgr);
        objects.add(EmissaryListener.named("http").on(gateway.httpPort())
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP)
                .servedBy(gateway));
        EmissaryHost host = EmissaryHost.named(profile.app()).hostname(profile.host());
        if (https) {
            objects.add(EmissaryListener.named("https").on(gateway.httpsPort())
                    .accepting(EmissaryListener.Protocol.HTTPS, EmissaryListener.SecurityModel.XFP)
                    .servedBy(gateway));
            host = host.withTls(certificate);
        }
        objects.add(host.servedBy(gateway));
        objects.add(EmissaryMapping.named(profile.app()).prefix("/").to(tgr.backend(web))
                .withHostname(profile.host())
                .withTimeout(TIMEOUT)
                .withRetries(RETRIES)
                .servedBy(gateway));
        return List.copyOf(objects);
    }
}
