package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.workload.Image;

/**
 * The pinned gateway images, one per {@link RoutingForm}: Emissary-ingress 3 reads Mapping, Host
 * and Listener resources but no longer reads {@code ambassador/v1} annotations, so the annotation
 * form runs the last Ambassador 1.x release.
 */
public enum GatewayRelease {
    /** Ambassador API Gateway 1.14.4, the last 1.x: reads the {@code getambassador.io/config} annotation on Services. */
    AMBASSADOR_1_14(RoutingForm.ANNOTATION, Image.of("docker.io/datawire/ambassador", "1.14.4"), false),
    /** Emissary-ingress 3.10.0: reads {@code getambassador.io/v3alpha1} Mapping, Host and Listener resources. */
    EMISSARY_3_10(RoutingForm.MAPPING_RESOURCES, Image.of("docker.io/emissaryingress/emissary", "3.10.0"), true);

    private final RoutingForm routingForm;
    private final Image image;
    private final boolean readsV3Resources;

    GatewayRelease(RoutingForm routingForm, Image image, boolean readsV3Resources) {
        this.routingForm = routingForm;
        this.image = image;
        this.readsV3Resources = readsV3Resources;
    }

    /** The release that reads routes written in {@code form}. */
    public static GatewayRelease forRouting(RoutingForm form) {
        Given.value("GatewayRelease", "routing form", form);
        for (GatewayRelease release : values()) {
            if (release.routingForm == form) {
                return release;
            }
        }
        // Every form has a release: only a RoutingForm added without one gets here.
        throw new IllegalStateException("No GatewayRelease reads routing form " + form + ": add one for it.");
    }

    public RoutingForm routingForm() {
        return routingForm;
    }

    public Image image() {
        return image;
    }

    /** Whether it reads {@code getambassador.io/v3alpha1} Mapping, Host and Listener resources. */
    public boolean readsV3Resources() {
        return readsV3Resources;
    }
}
