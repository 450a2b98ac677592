package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.arch.ArchFeatures;
import io.nvsim.cpu.arch.NestingConfig;
import org.junit.jupiter.api.Test;

class ArchFeaturesTest {

    @Test
    void shouldNameTheHardwareEachConfigurationNeeds() {
        ArchFeatures pv = ArchFeatures.of(NestingConfig.parse("pv-vhe"), 2, 4);
        assertEquals("ARMv8.0", pv.version());
        assertFalse(pv.vhe(), "a paravirtualized VHE-style L1 runs on ARMv8.0 hardware");
        ArchFeatures nv = ArchFeatures.of(NestingConfig.parse("nv-nonvhe"), 2, 4);
        assertTrue(nv.nv() && nv.vhe() && !nv.nv2());
        ArchFeatures nv2 = ArchFeatures.of(NestingConfig.parse("nv2-vhe"), 3, 16);
        assertEquals("ARMv8.4 (VHE, FEAT_NV, FEAT_NV2), GICv3 with 16 list registers", nv2.describe());
        assertEquals(7, NestingConfig.ALL.size());
        assertEquals(NestingConfig.parse("nv2-vhe").name(), "nv2-vhe");
    }
}
