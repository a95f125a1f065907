package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteNativeTest {
    @Test
    void muslIsDecidedAsTheDriverDecidesIt() {
        assertThat(SqliteNative.isMusl()).isEqualTo(org.sqlite.util.OSInfo.isMusl());
    }

    @Test
    void aMappedMuslLoaderMeansMusl() {
        String alpine = """
                7f1c2a000000-7f1c2a014000 r--p 00000000 08:01 1835037    /lib/ld-musl-x86_64.so.1
                7ffd6b1f0000-7ffd6b211000 rw-p 00000000 00:00 0          [stack]
                """;
        String debian = """
                7f3b1c000000-7f3b1c028000 r--p 00000000 08:01 2097238    /usr/lib/x86_64-linux-gnu/libc.so.6
                7f3b1c200000-7f3b1c22a000 r--p 00000000 08:01 2097220    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
                """;
        assertThat(SqliteNative.mentionsMusl(alpine)).isTrue();
        assertThat(SqliteNative.mentionsMusl(debian)).isFalse();
    }
}
