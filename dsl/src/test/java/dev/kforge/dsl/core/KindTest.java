package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KindTest {

    @Test
    void rejects_an_apply_order_that_does_not_fit_the_two_digit_file_prefix() {
        assertThatThrownBy(() -> new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 100, Names.Rule.DNS1123_SUBDOMAIN))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Kind Widget: applyOrder \"100\" is invalid: must be 0 to 99 (the two-digit prefix that orders files). "
                        + "Custom resources usually apply last, e.g. 70.");
        assertThatThrownBy(() -> new Kind("example.com/v1", "Widget", Scope.NAMESPACED, -1, Names.Rule.DNS1123_SUBDOMAIN))
                .isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void accepts_the_whole_range_of_apply_orders() {
        assertThat(new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 0, Names.Rule.DNS1123_SUBDOMAIN).applyOrder()).isZero();
        assertThat(new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 99, Names.Rule.DNS1123_SUBDOMAIN).applyOrder()).isEqualTo(99);
    }

    @Test
    void is_equal_by_every_component_as_a_record_is() {
        Kind widget = new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN);

        assertThat(new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN))
                .isEqualTo(widget).hasSameHashCodeAs(widget);
        assertThat(java.util.List.of(
                new Kind("example.com/v2", "Widget", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN),
                new Kind("example.com/v1", "Gadget", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN),
                new Kind("example.com/v1", "Widget", Scope.CLUSTER, 70, Names.Rule.DNS1123_SUBDOMAIN),
                new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 71, Names.Rule.DNS1123_SUBDOMAIN),
                new Kind("example.com/v1", "Widget", Scope.NAMESPACED, 70, Names.Rule.DNS1123_LABEL)))
                .allSatisfy(other -> assertThat(other).isNotEqualTo(widget));
        assertThat(widget).isNotEqualTo("Widget");
    }
}
