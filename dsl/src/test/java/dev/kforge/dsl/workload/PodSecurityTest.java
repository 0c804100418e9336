package dev.kforge.dsl.workload;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodSecurityTest {
    @Test
    void group_and_fs_group_are_set_on_their_own() {
        PodSecurity security = PodSecurity.RESTRICTED.withUser(1000).withGroup(3000).withFsGroup(2000);

        assertThat(security.runAsUser().getAsLong()).isEqualTo(1000);
        assertThat(security.runAsGroup().getAsLong()).isEqualTo(3000);
        assertThat(security.fsGroup().getAsLong()).isEqualTo(2000);
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")))
                .withSecurity(security);
        assertThat(file(render(web), "50-deployment-web.yaml"))
                .contains("        fsGroup: 2000\n        runAsGroup: 3000\n        runAsNonRoot: true\n        runAsUser: 1000\n");
    }

    @Test
    void refuses_a_negative_group() {
        assertThatThrownBy(() -> PodSecurity.RESTRICTED.withFsGroup(-1))
                .hasMessage("PodSecurity: fsGroup -1 is invalid: must not be negative. Give a group id, e.g. 2000.");
        assertThatThrownBy(() -> PodSecurity.RESTRICTED.withGroup(-5))
                .hasMessage("PodSecurity: runAsGroup -5 is invalid: must not be negative. Give a group id, e.g. 2000.");
    }

    @Test
    void refuses_a_user_id_the_api_server_refuses() {
        assertThatThrownBy(() -> PodSecurity.RESTRICTED.withUser(-1))
                .hasMessage("PodSecurity: runAsUser -1 is invalid: must not be negative. Give a user id, e.g. 10001.");
        assertThatThrownBy(() -> PodSecurity.RESTRICTED.withUser(4_294_967_294L))
                .hasMessage("PodSecurity: runAsUser 4294967294 is invalid: must be at most 2147483647, as the API server requires. "
                        + "Give a user id, e.g. 10001.");
        assertThatThrownBy(() -> PodSecurity.RESTRICTED.withFsGroup(2_147_483_648L))
                .hasMessageStartingWith("PodSecurity: fsGroup 2147483648 is invalid: must be at most 2147483647");
        assertThat(PodSecurity.RESTRICTED.withUser(2_147_483_647L).runAsUser().getAsLong()).isEqualTo(2_147_483_647L);
    }
}
