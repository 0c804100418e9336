package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rendered gateway document passes the strict offline validator, which carries the
 * Kubernetes 1.33 schemas and the Emissary CRDs (so Mapping, Host and Listener fields are checked
 * against {@code getambassador.io/v3alpha1}).
 */
class GatewayValidationTest {
    /** The validator, seen from the module folder Maven runs tests in ({@code dsl/}). */
    static final Path VALIDATOR = Path.of("..", "..", "shared", "k8s-schemas", "validate.py");

    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);

    private static DeploymentDef app(String name) {
        return DeploymentDef.named(name).running(ContainerDef.named("app").image(Image.of("example/shop", "1.0.0")).withPort(HTTP));
    }

    /** Emissary 3 with every kind of resource: two Listeners, a TLS Host, a Mapping with every field, a 90/10 canary. */
    static Stack mappingResourcesStack() {
        NamespaceDef namespace = NamespaceDef.named("shop-prod");
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, namespace)
                .withReplicas(2).withHttps().withDisruptionBudget();
        DeploymentDef shop = app("shop");
        DeploymentDef next = app("shop-next");
        ServiceDef shopService = ServiceDef.named("shop").selecting(shop).withPort(WEB);
        ServiceDef nextService = ServiceDef.named("shop-next").selecting(next).withPort(WEB);
        SecretDef certificate = SecretDef.tls("shop-tls");
        CanaryRoute canary = EmissaryMapping.named("shop").prefix("/").to(shopService.backend(WEB))
                .withHostname("shop.example.com")
                .withTimeout(Duration.ofSeconds(10))
                .withRetries(RetryPolicy.on(RetryPolicy.RetryOn.GATEWAY_ERROR, 2).withPerTryTimeout(Duration.ofSeconds(4)))
                .servedBy(gateway)
                .canary(nextService.backend(WEB), 10);
        EmissaryMapping api = EmissaryMapping.named("shop-api").prefix("/api/").to(shopService.backend(WEB))
                .withHostname("shop.example.com")
                .withRewrite("/v1/")
                .withCors(Cors.allowOrigins("https://app.example.com").allowMethods(Cors.Method.GET, Cors.Method.OPTIONS)
                        .allowHeaders("Content-Type").allowCredentials().withMaxAge(Duration.ofHours(1)))
                .servedBy(gateway);
        return Stack.named("shop").environment("prod").namespace(namespace)
                .with(gateway.objects().toArray(KubeObject<?>[]::new))
                .with(shop, next, shopService, nextService, certificate,
                        EmissaryListener.named("http").on(gateway.httpPort())
                                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).servedBy(gateway),
                        EmissaryListener.named("https").on(gateway.httpsPort())
                                .accepting(EmissaryListener.Protocol.HTTPS, EmissaryListener.SecurityModel.XFP).servedBy(gateway),
                        EmissaryHost.named("shop").hostname("shop.example.com").withTls(certificate).servedBy(gateway),
                        EmissaryHost.named("shop-internal").hostname("shop.internal.example.com").servedBy(gateway),
                        canary.primary(), canary.canary(), api);
    }

    /** Ambassador 1.14 and a Service carrying the workshop's annotation. */
    static Stack annotationStack() {
        NamespaceDef namespace = NamespaceDef.named("shop-dev");
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, namespace);
        DeploymentDef shop = app("shop");
        ServiceDef routed = AmbassadorMapping.named("shop_mapping").prefix("/")
                .addTo(ServiceDef.named("shop").selecting(shop).withPort(WEB).backend(WEB));
        return Stack.named("shop").environment("dev").namespace(namespace)
                .with(gateway.objects().toArray(KubeObject<?>[]::new))
                .with(shop, routed);
    }

    @Test
    void every_document_of_the_mapping_resources_form_passes_the_validator(@TempDir Path dir) throws Exception {
        List<String> files = write(mappingResourcesStack(), dir);

        assertThat(files).contains("70-listener-http.yaml", "70-listener-https.yaml", "70-host-shop.yaml", "70-host-shop-internal.yaml",
                "70-mapping-shop.yaml", "70-mapping-shop-canary.yaml", "70-mapping-shop-api.yaml");
        assertThat(validate(dir)).endsWith(files.size() + " passed, 0 failed");
    }

    @Test
    void every_document_of_the_annotation_form_passes_the_validator(@TempDir Path dir) throws Exception {
        List<String> files = write(annotationStack(), dir);

        assertThat(files).contains("40-service-shop.yaml", "40-service-ambassador.yaml", "50-deployment-ambassador.yaml")
                .noneMatch(name -> name.startsWith("70-"));
        assertThat(validate(dir)).endsWith(files.size() + " passed, 0 failed");
    }

    @Test
    void the_validator_does_reject_a_mapping_field_emissary_does_not_know(@TempDir Path dir) throws Exception {
        // Guards the guard: a wrong field name in a Mapping must fail, so the passes above mean something.
        Files.writeString(dir.resolve("70-mapping-bad.yaml"), """
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: bad
                  namespace: shop-prod
                spec:
                  prefix: /
                  service: shop.shop-prod:5000
                  timeout: 3000
                """);

        assertThat(run(dir)).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).contains("FAIL").endsWith("0 passed, 1 failed");
        });
    }

    /** Writes the rendered files of {@code stack} to {@code dir}; returns their names. */
    private static List<String> write(Stack stack, Path dir) throws IOException {
        List<ManifestFile> files = Renderer.render(stack).files();
        for (ManifestFile file : files) {
            Files.writeString(dir.resolve(file.fileName()), file.content(), StandardCharsets.UTF_8);
        }
        return files.stream().map(ManifestFile::fileName).toList();
    }

    /** Runs the validator on {@code dir}, asserting it succeeds; returns its trimmed output. */
    private static String validate(Path dir) throws Exception {
        Result result = run(dir);
        assertThat(result.exitCode()).as("validate.py exit code; output:%n%s", result.output()).isZero();
        return result.output();
    }

    private record Result(int exitCode, String output) {
    }

    /** The first Python 3 with the validator's modules: the one on the PATH, else the system's (where .ci/run installs them). */
    private static String python() throws Exception {
        for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import yaml, jsonschema").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        throw new AssertionError("No python3 with PyYAML and jsonschema for ../shared/k8s-schemas/validate.py: "
                + "install them (Debian: apt-get install python3-yaml python3-jsonschema) or see README.md");
    }

    private static Result run(Path dir) throws Exception {
        assertThat(VALIDATOR).as("the validator, relative to %s", Path.of("").toAbsolutePath()).exists();
        Process process = new ProcessBuilder(python(), VALIDATOR.toString(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("validate.py finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
