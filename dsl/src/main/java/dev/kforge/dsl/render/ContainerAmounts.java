package dev.kforge.dsl.render;

import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.render.CheckedFields.Field;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A container's cpu, memory and ephemeral-storage requests and limits, compared by amount, as {@link CheckedFields}. */
final class ContainerAmounts {
    /** The amounts, each with how to read it from a container's own resources and, for a request, its limit. */
    private record Amount(String path, boolean request, String resource, Function<Resources, Optional<Quantity>> fromDefaults, String step) {
        Amount(String path, boolean request, String resource, Function<Resources, Optional<Quantity>> fromDefaults) {
            this(path, request, resource, fromDefaults, "the container's withResources");
        }
    }

    private static final List<Amount> AMOUNTS = List.of(
            new Amount("requests.cpu", true, "cpu", r -> r.cpuRequest().or(r::cpuLimit).map(cpu -> new Quantity(cpu.quantity()))),
            new Amount("requests.memory", true, "memory", r -> r.memoryRequest().or(r::memoryLimit).map(memory -> new Quantity(memory.quantity()))),
            new Amount("limits.cpu", false, "cpu", r -> r.cpuLimit().map(cpu -> new Quantity(cpu.quantity()))),
            new Amount("limits.memory", false, "memory", r -> r.memoryLimit().map(memory -> new Quantity(memory.quantity()))),
            new Amount("requests.ephemeral-storage", true, "ephemeral-storage",
                    r -> r.ephemeralStorageRequest().or(r::ephemeralStorageLimit).map(storage -> new Quantity(storage.quantity())),
                    "Resources.withEphemeralStorageRequest in the container's withResources"),
            new Amount("limits.ephemeral-storage", false, "ephemeral-storage",
                    r -> r.ephemeralStorageLimit().map(storage -> new Quantity(storage.quantity())),
                    "Resources.withEphemeralStorageLimit in the container's withResources"));

    private ContainerAmounts() {
    }

    /** Each amount as the container ends up with it: its own, a request from its limit, else the LimitRanges' default. */
    static void put(Map<String, Field> fields, String path, Container container, List<LimitRangeDef> limitRanges) {
        ResourceRequirements resources = container.getResources();
        for (Amount amount : AMOUNTS) {
            Quantity own = quantity(resources, amount.path().substring(0, amount.path().indexOf('.')), amount.resource());
            Quantity limit = amount.request() ? quantity(resources, "limits", amount.resource()) : null;
            if (own != null) {
                fields.put(path + ".resources." + amount.path(), new Field(shown(own), numeric(own), amount.step()));
            } else if (limit != null) {
                fields.put(path + ".resources." + amount.path(), new Field("unset (its limit, " + shown(limit) + ")", numeric(limit),
                        amount.step()));
            } else {
                defaultOf(amount, limitRanges).ifPresent(value -> fields.put(path + ".resources." + amount.path(),
                        new Field("unset (the LimitRange's " + shown(value) + ")", numeric(value), amount.step())));
            }
        }
    }

    /** The first LimitRange default of the amount, as the API server applies them in turn; a request falls back to the default limit. */
    private static Optional<Quantity> defaultOf(Amount amount, List<LimitRangeDef> limitRanges) {
        for (LimitRangeDef limitRange : limitRanges) {
            Optional<Quantity> value = amount.fromDefaults().apply(limitRange.containerDefaults());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Quantity quantity(ResourceRequirements resources, String kind, String resource) {
        Map<String, Quantity> quantities = resources == null ? null : kind.equals("requests") ? resources.getRequests() : resources.getLimits();
        return quantities == null ? null : quantities.get(resource);
    }

    private static String shown(Quantity quantity) {
        String text = quantity.toString();
        return text.isEmpty() ? "\"\"" : text;
    }

    /** The amount, so {@code 1000m} and {@code 1} compare equal; the text when it is no quantity (the API server refuses it later). */
    private static Object numeric(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity).stripTrailingZeros();
        } catch (RuntimeException e) {
            return quantity.toString();
        }
    }
}
