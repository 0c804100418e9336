package dev.kforge.dsl.rbac;

import java.util.EnumSet;
import java.util.Set;

/** What a rule allows on a resource. */
public enum Verb {
    GET("get"), LIST("list"), WATCH("watch"), CREATE("create"), UPDATE("update"), PATCH("patch"),
    DELETE("delete"), DELETE_COLLECTION("deletecollection");

    /** get, list and watch. */
    public static final Set<Verb> READ_ONLY = EnumSet.of(GET, LIST, WATCH);

    private final String apiValue;

    Verb(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
