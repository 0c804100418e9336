package dev.kforge.dsl.config;

/** One key of a Secret, obtained from {@link SecretDef#key(String)} so it is always declared. */
public record SecretKey(SecretDef secret, String key) {
}
