package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    @Test
    void shouldGiveTheSameStreamForTheSameSeedAndName() {
        long first = new RandomStreams(7).stream("a").nextLong();
        long again = new RandomStreams(7).stream("a").nextLong();
        assertEquals(first, again);
    }

    @Test
    void shouldGiveIndependentStreamsPerNameAndSeed() {
        RandomStreams s = new RandomStreams(7);
        assertNotEquals(s.derivedSeed("a"), s.derivedSeed("b"));
        assertNotEquals(new RandomStreams(7).derivedSeed("a"), new RandomStreams(8).derivedSeed("a"));
        assertNotEquals(RandomStreams.replicationSeed(1, 0), RandomStreams.replicationSeed(1, 1));
    }

    @Test
    void shouldNotDependOnTheOrderStreamsAreRequested() {
        RandomStreams s1 = new RandomStreams(99);
        long a1 = s1.stream("a").nextLong();
        s1.stream("b");
        RandomStreams s2 = new RandomStreams(99);
        s2.stream("b");
        assertEquals(a1, s2.stream("a").nextLong());
    }
}
