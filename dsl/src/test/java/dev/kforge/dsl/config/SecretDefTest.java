package dev.kforge.dsl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class SecretDefTest {
    private final SecretDef github = SecretDef.opaque("tgr-github", "CLIENT_SECRET", "CLIENT_ID");

    @Test
    void declares_keys_sorted_and_never_values() {
        assertThat(github.keys()).containsExactly("CLIENT_ID", "CLIENT_SECRET");
        assertThat(github.type()).isEqualTo(SecretType.OPAQUE);
        assertThat(github.rawEdits()).isEmpty();
    }

    @Test
    void declares_the_keys_its_type_requires() {
        assertThat(SecretDef.tls("cert").keys()).containsExactly("tls.crt", "tls.key");
        assertThat(SecretDef.registryCredentials("registry").keys()).containsExactly(".dockerconfigjson");
        assertThat(SecretDef.tls("cert").key("tls.crt").key()).isEqualTo("tls.crt");
    }

    @Test
    void rejects_reference_to_an_undeclared_key() {
        assertThatThrownBy(() -> github.key("TOKEN"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret tgr-github: key \"TOKEN\" is not declared. Declared keys: [CLIENT_ID, CLIENT_SECRET]. "
                        + "Declare it where the Secret is defined.");
    }

    @Test
    void an_undeclared_key_a_letter_from_a_declared_one_names_it() {
        assertThatThrownBy(() -> github.key("CLIENT_SECRETS"))
                .hasMessage("Secret tgr-github: key \"CLIENT_SECRETS\" is not declared. Did you mean \"CLIENT_SECRET\"? "
                        + "Declared keys: [CLIENT_ID, CLIENT_SECRET]. Declare it where the Secret is defined.");
    }

    @Test
    void rejects_opaque_secret_without_keys() {
        assertThatThrownBy(() -> SecretDef.opaque("empty"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret empty: no keys declared. Name the keys the workloads read, e.g. opaque(\"empty\", \"PASSWORD\").");
    }

    @Test
    void rejects_key_declared_twice() {
        assertThatThrownBy(() -> SecretDef.opaque("gh", "TOKEN", "TOKEN"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Secret gh: key \"TOKEN\" is declared twice. Keep one.");
    }
}
