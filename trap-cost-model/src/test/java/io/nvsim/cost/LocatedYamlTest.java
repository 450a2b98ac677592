package io.nvsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nvsim.kernel.InputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocatedYamlTest {

    @Test
    void shouldRememberTheLineOfEveryValue() {
        LocatedYaml.Node root = LocatedYaml.parse("f.yaml", "a: 1\nb:\n  c: [x, y]\n  d: 2.5\n");
        assertEquals(1, root.get("a").line());
        assertEquals(3, root.get("b").get("c").line());
        assertEquals(4, root.get("b").get("d").line());
        assertEquals(2.5, root.get("b").get("d").number());
        assertEquals(2, root.get("b").get("c").items().size());
    }

    @Test
    void shouldRejectDuplicateKeys() {
        InputException e = assertThrows(InputException.class, () -> LocatedYaml.parse("f.yaml", "a: 1\na: 2\n"));
        assertEquals(2, e.line());
    }

    /** Property: arbitrary text either parses or fails with an InputException naming the file, never anything else. */
    @Test
    void shouldNeverThrowAnythingButInputExceptionOnGarbage() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "ab:- \n\t[]{},\"'#&*!|>%@`1.";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                LocatedYaml.parse("g.yaml", sb.toString());
            } catch (InputException e) {
                assertEquals("g.yaml", e.file());
            }
        }
    }
}
