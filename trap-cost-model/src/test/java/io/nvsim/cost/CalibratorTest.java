package io.nvsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    private static ParameterSet params(double a, double b) {
        return new ParameterSet(List.of(
            new Parameter("m.a_cycles", "cycles", a, "test", "test", true),
            new Parameter("m.b_cycles", "cycles", b, "test", "test", true),
            new Parameter("m.c_cycles", "cycles", 7, "fixed", "test", false)));
    }

    @Test
    void shouldRecoverTheParametersOfALinearModel() {
        // two targets, two free parameters: x = 1*a + 2*b + c, y = 100*a + 1*b + c
        List<CalibrationTarget> targets = List.of(
            new CalibrationTarget("x", "m", "b", "c", "cycles_per_op", 1 * 300 + 2 * 40 + 7, "s", true),
            new CalibrationTarget("y", "m", "b", "c", "cycles_per_op", 100 * 300 + 40 + 7, "s", true),
            new CalibrationTarget("check", "m", "b", "c", "cycles_per_op", 1000, "s", false));
        Calibrator c = new Calibrator((ps, t) -> switch (t.name()) {
            case "x" -> ps.value("m.a_cycles") + 2 * ps.value("m.b_cycles") + ps.value("m.c_cycles");
            case "y" -> 100 * ps.value("m.a_cycles") + ps.value("m.b_cycles") + ps.value("m.c_cycles");
            default -> 999.0;
        });
        Calibrator.Result r = c.fit(params(10, 10), targets);
        assertEquals(300, r.fitted().value("m.a_cycles"), 1);
        assertEquals(40, r.fitted().value("m.b_cycles"), 1);
        assertEquals(7, r.fitted().value("m.c_cycles"));
        assertTrue(r.rms() < 0.5);
        assertEquals(3, r.rows().size());
        assertEquals(-0.1, r.rows().get(2).errorPercent(), 1e-9);
    }
}
