package dev.kforge.tgr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.support.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What an operator reads when the server cannot listen: the address and the real cause. */
class StartFailureTest {

    private static AppConfig listeningOn(String host, int port) {
        AppConfig c = TestServices.config(URI.create("http://127.0.0.1:9"));
        return new AppConfig(host, port, c.environment(), c.debug(), c.githubApiUrl(), c.credentials(), c.pod(),
                c.kubernetes(), c.tuning());
    }

    @Test
    void names_a_host_that_is_not_an_address_of_this_machine_instead_of_claiming_the_port_is_in_use() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
        TgrService service = TestServices.service(listeningOn("192.0.2.1", 0));

        assertThatThrownBy(service::start)
                .hasMessageStartingWith("Cannot listen on 192.0.2.1:0: BindException: ")
                .hasMessageNotContaining("Port already in use");
    }

    @Test
    void says_the_port_is_in_use_when_it_is() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TgrService service = TestServices.service(listeningOn("127.0.0.1", taken.getLocalPort()));

            assertThatThrownBy(service::start).hasMessageStartingWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": BindException: Address already in use");
        }
    }
}
