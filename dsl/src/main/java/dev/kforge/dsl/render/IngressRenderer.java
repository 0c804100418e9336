package dev.kforge.dsl.render;

import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.IngressTls;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backends name the Service port by name, which the Service is guaranteed to have. An Ingress whose
 * backends all reach one workload is labelled as that workload is, so {@code -l app.kubernetes.io/name=<app>} finds it too.
 */
final class IngressRenderer implements ObjectRenderer<IngressDef> {
    @Override
    public Class<IngressDef> sourceType() {
        return IngressDef.class;
    }

    @Override
    public Optional<HasMetadata> render(IngressDef ingress, Stack stack) {
        IngressSpec spec = new IngressSpec();
        spec.setIngressClassName(ingress.ingressClassName().orElse(null));
        ingress.defaultBackend().ifPresent(backend -> spec.setDefaultBackend(backend(backend)));
        List<io.fabric8.kubernetes.api.model.networking.v1.IngressRule> rules = new ArrayList<>();
        for (IngressRule rule : ingress.rules()) {
            List<HTTPIngressPath> paths = new ArrayList<>();
            for (IngressPath path : rule.paths()) {
                HTTPIngressPath rendered = new HTTPIngressPath();
                rendered.setPath(path.path());
                rendered.setPathType(path.type().apiValue());
                rendered.setBackend(backend(path.backend()));
                paths.add(rendered);
            }
            io.fabric8.kubernetes.api.model.networking.v1.IngressRule rendered = new io.fabric8.kubernetes.api.model.networking.v1.IngressRule();
            rendered.setHost(rule.host().isEmpty() ? null : rule.host());
            rendered.setHttp(new HTTPIngressRuleValue(paths));
            rules.add(rendered);
        }
        spec.setRules(rules);
        List<IngressTLS> tls = new ArrayList<>();
        for (IngressTls section : ingress.tls()) {
            tls.add(new IngressTLS(new ArrayList<>(section.hosts()), section.secret().name()));
        }
        spec.setTls(tls);
        Ingress rendered = new Ingress();
        Optional<Workload<?>> workload = routedWorkload(ingress, stack);
        rendered.setMetadata(workload.isPresent() ? Metadata.ofWorkloadPart(ingress, stack, workload.get()) : Metadata.of(ingress, stack));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    private static IngressBackend backend(ServiceBackend backend) {
        ServiceBackendPort port = new ServiceBackendPort();
        if (backend.port().nameableByIngress()) {
            port.setName(backend.port().name());
        } else {
            port.setNumber(backend.port().port());
        }
        IngressServiceBackend service = new IngressServiceBackend();
        service.setName(backend.service().name());
        service.setPort(port);
        IngressBackend rendered = new IngressBackend();
        rendered.setService(service);
        return rendered;
    }

    /** The workload every backend's Service selects, when there is exactly one. */
    private static Optional<Workload<?>> routedWorkload(IngressDef ingress, Stack stack) {
        Workload<?> routed = null;
        for (ServiceBackend backend : ingress.backends()) {
            PodSelection pods = stack.current(backend.service()).selection().orElse(null);
            if (!(pods instanceof PodSelection.OfWorkload selected)
                    || routed != null && (routed.kind() != selected.workload().kind() || !routed.name().equals(selected.workload().name()))) {
                return Optional.empty();
            }
            routed = selected.workload();
        }
        return Optional.ofNullable(routed);
    }
}
