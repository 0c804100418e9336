package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/** A claim's storageClassName "" is not the default class: Kubernetes then provisions nothing. */
class StorageClassNameTest {
    private static final String NO_CLASS = " is invalid: must name a storage class (\"\" is no class in Kubernetes, not the default one: "
            + "the claim binds only to a PersistentVolume made by hand without a class, and no disk is provisioned for it). "
            + "Leave withStorageClass out for the cluster's default class.";

    @Test
    void a_claim_refuses_the_empty_class_and_says_what_it_would_mean() {
        assertThatThrownBy(() -> PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(1)).withStorageClass(""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PersistentVolumeClaim uploads: storageClassName \"\"" + NO_CLASS);
    }

    @Test
    void a_claim_template_refuses_it_alike() {
        assertThatThrownBy(() -> Volumes.claim("data", Memory.gibibytes(1)).withStorageClass(""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume data: storageClassName \"\"" + NO_CLASS);
    }
}
