package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPasswordsTest {
    @Test
    void replaces_the_password_of_each_url_user() {
        assertThat(UrlPasswords.redacted("postgres://app:s3cret@db.example.net:5432/orders"))
                .isEqualTo("postgres://app:<redacted>@db.example.net:5432/orders");
        assertThat(UrlPasswords.redacted("app:s3cret@db.example.net")).isEqualTo("app:<redacted>@db.example.net");
        // A password holding '@' or ':' is hidden whole; each URL of a list is.
        assertThat(UrlPasswords.redacted("redis://:p@ss:word@cache:6379/0")).isEqualTo("redis://:<redacted>@cache:6379/0");
        assertThat(UrlPasswords.redacted("amqp://a:one@mq1/vh,amqp://b:two@mq2/vh")).isEqualTo("amqp://a:<redacted>@mq1/vh,amqp://b:<redacted>@mq2/vh");
        assertThat(UrlPasswords.redacted("curl -u admin http://ops:pw@web:8080/ -d x=1")).isEqualTo("curl -u admin http://ops:<redacted>@web:8080/ -d x=1");
    }

    @Test
    void leaves_text_without_a_password_as_it_is() {
        for (String text : new String[] {"postgres://app@db.example.net/orders", "user@example.com",
                "redis:6379", "https://api.github.com/search?q=a@b", "git@github.com:eon01/tgr.git"}) {
            assertThat(UrlPasswords.redacted(text)).isEqualTo(text);
        }
    }
}
