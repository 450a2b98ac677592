package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.sysreg.L0TrapControl;
import io.nvsim.cpu.sysreg.SysReg;
import io.nvsim.cpu.sysreg.SysRegCatalog;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SysRegCatalogTest {
    private final SysRegCatalog catalog = SysRegCatalog.builtIn();

    @Test
    void shouldJoinVncrOffsetsFromTheVncrLayout() {
        assertEquals(0x78, catalog.require("HCR_EL2").vncrOffset());
        assertEquals(0x400, catalog.require("ICH_LR0_EL2").vncrOffset());
        assertEquals(-1, catalog.require("ESR_EL2").vncrOffset());
        // an _EL12 alias reaches the VNCR slot of the EL1 register it names
        SysReg sctlr12 = catalog.require("SCTLR_EL12");
        assertEquals("SCTLR_EL1", sctlr12.aliasOf());
        assertEquals(0x110, sctlr12.vncrOffset());
        assertEquals(0x170, catalog.require("CNTV_CTL_EL02").vncrOffset());
    }

    @Test
    void shouldKnowEncodingsAndTrapControls() {
        SysReg hcr = catalog.require("HCR_EL2");
        assertEquals("S3_4_C1_C1_0", hcr.encoding());
        assertTrue(hcr.isEl2Encoding());
        assertFalse(catalog.require("SCTLR_EL1").isEl2Encoding());
        assertEquals(L0TrapControl.TVM, catalog.require("TTBR0_EL1").l0Trap());
        assertEquals(L0TrapControl.NV1, catalog.require("ELR_EL1").l0Trap());
        assertNull(catalog.find("NO_SUCH_REG"));
    }

    @Test
    void shouldHaveUniqueNamesAndEncodings() {
        Set<String> names = new HashSet<>();
        Set<String> encodings = new HashSet<>();
        for (SysReg r : catalog.all()) {
            assertTrue(names.add(r.name()), "duplicate " + r.name());
            assertTrue(encodings.add(r.encoding()), "duplicate encoding " + r.encoding() + " at " + r.name());
        }
        assertTrue(catalog.size() > 140);
    }
}
