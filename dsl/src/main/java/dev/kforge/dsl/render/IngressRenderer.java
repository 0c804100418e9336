package dev.kforge.dsl.render;

import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.IngressTls;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.util.Optional;

/** Backends name the Service port by name, which the Service is guaranteed to have. */
final class IngressRenderer implements ObjectRenderer<IngressDef> {
    @Override
    public Class<IngressDef> sourceType() {
        return IngressDef.class;
    }

    @Override
    public Optional<HasMetadata> render(IngressDef ingress, Stack stack) {
        IngressSpecBuilder spec = new IngressSpecBuilder().withIngressClassName(ingress.ingressClassName().orElse(null));
        ingress.defaultBackend().ifPresent(backend -> spec.withDefaultBackend(backend(backend)));
        for (IngressRule rule : ingress.rules()) {
            IngressRuleBuilder rendered = new IngressRuleBuilder().withHost(rule.host()).withNewHttp().endHttp();
            for (IngressPath path : rule.paths()) {
                rendered.editHttp().addToPaths(new HTTPIngressPathBuilder()
                        .withPath(path.path())
                        .withPathType(path.type().apiValue())
                        .withBackend(backend(path.backend()))
                        .build()).endHttp();
            }
            spec.addToRules(rendered.build());
        }
        for (IngressTls tls : ingress.tls()) {
            spec.addToTls(new IngressTLSBuilder().withHosts(tls.hosts()).withSecretName(tls.secret().name()).build());
        }
        return Optional.of(new IngressBuilder().withMetadata(Metadata.of(ingress, stack)).withSpec(spec.build()).build());
    }

    private static IngressBackend backend(ServiceBackend backend) {
        return new IngressBackendBuilder()
                .withNewService()
                .withName(backend.service().name())
                .withNewPort().withName(backend.port().name()).endPort()
                .endService()
                .build();
    }
}
