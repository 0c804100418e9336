package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.gateway.GatewayInstallation;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.stack.NamespaceDef;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OriginTest {
    private static int nextLine() {
        return new Throwable().getStackTrace()[1].getLineNumber() + 1;
    }

    @Test
    void points_at_the_line_of_the_user_code_that_defined_the_object() {
        int line = nextLine();
        ConfigMapDef config = ConfigMapDef.named("cfg");

        ConfigMapDef copy = config.withProperty("A", "1");

        assertThat(config.meta().origin()).isEqualTo(new Origin("OriginTest.java", line));
        assertThat(copy.meta().origin().toString()).as("a copy keeps where the object was defined").isEqualTo("OriginTest.java:" + line);
    }

    @Test
    void points_at_the_user_code_from_any_thread() {
        int line = nextLine();
        List<ConfigMapDef> configs = IntStream.range(0, 64).parallel().mapToObj(i -> ConfigMapDef.named("cfg-" + i)).toList();

        assertThat(configs).allSatisfy(config -> assertThat(config.meta().origin().line()).isEqualTo(line));
        assertThat(configs.get(0).meta().origin().file()).isEqualTo("OriginTest.java");
    }

    @Test
    void gives_the_objects_a_gateway_installation_builds_the_line_that_defined_it() {
        int line = nextLine();
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NamespaceDef.named("shop"))
                .withReplicas(2);

        List<KubeObject<?>> objects = gateway.objects();
        ConfigMapDef after = ConfigMapDef.named("after");

        assertThat(objects).hasSizeGreaterThan(5)
                .allSatisfy(object -> assertThat(object.meta().origin()).isEqualTo(new Origin("OriginTest.java", line)));
        assertThat(after.meta().origin().line()).as("defined after the scope").isEqualTo(line + 4);
    }

    @Test
    void a_scope_ends_with_its_definition_even_when_that_fails() {
        Origin elsewhere = new Origin("Elsewhere.java", 1);

        assertThatThrownBy(() -> Origin.scoped(elsewhere, () -> {
            throw new IllegalStateException("broken definition");
        })).hasMessage("broken definition");
        ConfigMapDef inside = Origin.scoped(elsewhere, () -> ConfigMapDef.named("inside"));
        int line = nextLine();
        ConfigMapDef outside = ConfigMapDef.named("outside");

        assertThat(inside.meta().origin()).isEqualTo(elsewhere);
        assertThat(outside.meta().origin()).isEqualTo(new Origin("OriginTest.java", line));
    }

    @Test
    void is_the_first_frame_outside_the_library_and_the_jdk_for_an_error() {
        int line = nextLine();
        Throwable error = new IllegalStateException("boom");

        assertThat(Origin.of(error)).isEqualTo(new Origin("OriginTest.java", line));
        assertThat(Origin.UNKNOWN.toString()).isEqualTo("unknown:0");
    }
}
