package dev.kforge.tgr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.support.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What an operator reads when the server cannot listen: the address, the real cause, and which variable to change. */
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
                .hasMessageEndingWith(". HOST=\"192.0.2.1\" is not an address of this machine: set HOST to one of its "
                        + "addresses, or to 0.0.0.0 for all of them")
                .hasMessageNotContaining("Port already in use");
    }

    @Test
    void says_the_port_is_in_use_when_it_is_and_to_change_port() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            TgrService service = TestServices.service(listeningOn("127.0.0.1", port));

            assertThatThrownBy(service::start).hasMessage("Cannot listen on 127.0.0.1:" + port
                    + ": BindException: Address already in use. Another process listens on port " + port
                    + ": stop it, or set PORT to a free port");
        }
    }

    @Test
    void names_a_host_name_that_does_not_resolve() {
        // .invalid never resolves (RFC 2606).
        TgrService service = TestServices.service(listeningOn("tgr.invalid", 0));

        assertThatThrownBy(service::start).hasMessage("Cannot listen on tgr.invalid:0: HOST=\"tgr.invalid\" does not "
                + "resolve to an address: set HOST to an address of this machine, or to 0.0.0.0 for all of them");
    }
}
