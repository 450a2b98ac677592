package io.nvsim.cpu.sysreg;

import io.nvsim.kernel.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system-register catalog: every encoding the modelled hypervisors touch
 * ({@code nvsim/arch/sysregs.tsv}), joined with the FEAT_NV2 VNCR page layout
 * ({@code nvsim/arch/vncr-registers.tsv}, from Linux {@code vncr_mapping.h}).
 *
 * <pre>{@code
 * SysRegCatalog catalog = SysRegCatalog.builtIn();
 * SysReg hcr = catalog.require("HCR_EL2");   // hcr.vncrOffset() == 0x78
 * }</pre>
 */
public final class SysRegCatalog {
    private static volatile SysRegCatalog builtIn;

    private final List<SysReg> registers;
    private final Map<String, SysReg> byName;

    private SysRegCatalog(List<SysReg> registers) {
        this.registers = Collections.unmodifiableList(registers);
        Map<String, SysReg> map = new HashMap<>();
        for (SysReg r : registers) {
            map.put(r.name(), r);
        }
        this.byName = map;
    }

    /** The catalog shipped in the jar (loaded once). */
    public static SysRegCatalog builtIn() {
        SysRegCatalog c = builtIn;
        if (c == null) {
            synchronized (SysRegCatalog.class) {
                c = builtIn;
                if (c == null) {
                    Map<String, String[]> vncr = readVncr("nvsim/arch/vncr-registers.tsv");
                    c = load("nvsim/arch/sysregs.tsv", open("nvsim/arch/sysregs.tsv"), vncr);
                    builtIn = c;
                }
            }
        }
        return c;
    }

    public List<SysReg> all() {
        return registers;
    }

    public int size() {
        return registers.size();
    }

    /** The register called {@code name}, or null. */
    public SysReg find(String name) {
        return byName.get(name);
    }

    public SysReg require(String name) {
        SysReg r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no register " + name + " in the catalog");
        }
        return r;
    }

    private static InputStream open(String resource) {
        InputStream in = SysRegCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return in;
    }

    private static Map<String, String[]> readVncr(String resource) {
        Map<String, String[]> map = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("register\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new InputException(resource, n, "expected register, vncr_offset, class");
                }
                map.put(f[0].trim(), new String[] {f[1].trim(), f[2].trim()});
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return map;
    }

    /** Parses the catalog TSV: name, op0, op1, crn, crm, op2, el, l0_trap. */
    static SysRegCatalog load(String file, InputStream in, Map<String, String[]> vncr) {
        List<SysReg> list = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("name\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 8) {
                    throw new InputException(file, n, "expected 8 tab-separated columns: name op0 op1 crn crm op2 el l0_trap");
                }
                String name = f[0].trim();
                String alias = null;
                if (name.endsWith("_EL12")) {
                    alias = name.substring(0, name.length() - 2) + "1";
                } else if (name.endsWith("_EL02")) {
                    alias = name.substring(0, name.length() - 2) + "0";
                }
                String[] v = vncr.get(alias != null ? alias : name);
                int offset = v == null ? -1 : Integer.decode(v[0]);
                try {
                    list.add(new SysReg(list.size(), name, Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()), Integer.parseInt(f[4].trim()), Integer.parseInt(f[5].trim()),
                        Integer.parseInt(f[6].trim()), L0TrapControl.parse(f[7].trim()), alias, offset, v == null ? null : v[1]));
                } catch (IllegalArgumentException e) {
                    throw new InputException(file, n, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new SysRegCatalog(list);
    }
}
