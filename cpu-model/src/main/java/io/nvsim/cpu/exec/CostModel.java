package io.nvsim.cpu.exec;

import io.nvsim.cost.ParameterSet;

/**
 * The per-primitive costs and machine properties of one resolved parameter set, read once into
 * plain fields so that simulation never looks a parameter up by name. Every field is a named
 * profile parameter (its name is in the comment); the profile YAML gives each one's provenance.
 */
public final class CostModel {
    // hardware primitives
    /** cost.trap_entry_cycles: exception entry to EL2 (or into a guest's EL1 vector). */
    public final long trapEntry;
    /** cost.eret_cycles: exception return. */
    public final long eret;
    /** cost.sysreg_read_cycles / cost.sysreg_write_cycles: a system-register access that does not trap. */
    public final long sysregRead;
    public final long sysregWrite;
    /** cost.vncr_access_cycles: a FEAT_NV2 register access turned into a VNCR page load/store. */
    public final long vncrAccess;
    /** cost.gic_mmio_read_cycles / cost.gic_mmio_write_cycles: GICH/GICD MMIO by the host. */
    public final long gicMmioRead;
    public final long gicMmioWrite;
    /** cost.gicv3_sysreg_read_cycles / cost.gicv3_sysreg_write_cycles: a native access to a GICv3 ICH_* or ICC_* register. */
    public final long gicv3SysregRead;
    public final long gicv3SysregWrite;
    /** cost.gic_cpuif_access_cycles: an access to the GIC (virtual) CPU interface, e.g. a virtual EOI. */
    public final long gicCpuifAccess;
    /** cost.gp_regs_save_cycles / cost.gp_regs_restore_cycles: GP (+ SP/PC) context save/restore in a world switch. */
    public final long gpSave;
    public final long gpRestore;
    /** cost.tlbi_cycles, cost.at_cycles: a TLB invalidation / address translation executed natively. */
    public final long tlbi;
    public final long at;
    /** cost.memory_reference_cycles: one page-table memory reference (walks of L1's stage-2). */
    public final long memoryReference;
    /** cost.context_copy_cycles_per_reg: copying one saved register value in memory. */
    public final long contextCopyPerReg;
    /** cost.ipi_latency_cycles: a physical SGI from one core to another. */
    public final long ipiLatency;
    // KVM software (the same binary at L0 and L1)
    /** kvm.run_loop_cycles: one iteration of the host run loop (kvm_arch_vcpu_ioctl_run, handle_exit dispatch). */
    public final long runLoop;
    /** kvm.handle_hvc_cycles: handle_hvc / PSCI dispatch for a null hypercall. */
    public final long handleHvc;
    /** kvm.mmio_kernel_cycles: a data abort handled by an in-kernel MMIO device (io_mem_abort, kvm_io_bus). */
    public final long mmioKernel;
    /** kvm.handle_sys_reg_cycles: kvm_handle_sys_reg for a guest's trapped system-register access (GICv3 ICC_SGI1R_EL1). */
    public final long handleSysReg;
    /** kvm.vgic_sgi_cycles: emulating a GICD_SGIR write (vgic_mmio_write_sgir, queue, kick). */
    public final long vgicSgi;
    /** kvm.host_irq_cycles: the host's IRQ entry and handler, beyond its listed GIC accesses. */
    public final long hostIrq;
    /** kvm.vgic_flush_lr_cycles: preparing one list register on flush (and folding it on sync). */
    public final long vgicFlushLr;
    /** kvm.vgic_queue_irq_cycles: queueing one virtual interrupt for a guest (kvm_vgic_inject_irq, vgic_queue_irq_unlock). */
    public final long vgicQueueIrq;
    /** kvm.vgic_maintenance_cycles: handling a maintenance interrupt in the vGIC sync (process_maintenance, fold, prune). */
    public final long vgicMaintenance;
    /** kvm.timer_update_cycles: the run loop's timer sync/flush C code when the guest's timer fired (kvm_timer_update_state, update_irq). */
    public final long timerUpdate;
    /** kvm.host_tick_cycles: a hypervisor kernel's tick handler C code (hrtimer_interrupt, tick_sched_timer, scheduler_tick). */
    public final long hostTick;
    /** kvm.vcpu_block_cycles: kvm_handle_wfx and kvm_vcpu_block's own C code, once to block and once on wake-up. */
    public final long vcpuBlock;
    /** kernel.schedule_cycles: one context switch of a hypervisor kernel (schedule(): to the idle task or back to a thread). */
    public final long schedule;
    /** kernel.wakeup_cycles: try_to_wake_up of a blocked task whose CPU is idle, besides the reschedule IPI's GIC write. */
    public final long wakeup;
    /** cost.idle_exit_cycles: a physical CPU in WFI (shallow idle) resuming to take the interrupt that woke it. */
    public final long idleExit;
    // Xen as the guest hypervisor
    /** xen.trap_cycles: Xen's C code on every trap from its guest: entry, dispatch, leave_hypervisor_tail, besides listed accesses. */
    public final long xenTrap;
    /** xen.hypercall_cycles: a null hypercall's handler (do_trap_hypercall). */
    public final long xenHypercall;
    /** xen.mmio_cycles: a data abort on a region Xen emulates (try_handle_mmio, the vGIC distributor). */
    public final long xenMmio;
    /** xen.sgi_cycles: a guest's SGI (vgic_to_sgi, vgic_vcpu_inject_irq, vcpu_kick). */
    public final long xenSgi;
    // L0's nesting support (the 2017 prototype)
    /** l0.sysreg_emulation_cycles: emulating one trapped system-register access of vEL2. */
    public final long sysregEmulation;
    /** l0.pv_decode_cycles: decoding a paravirtual HVC's immediate into the operation it stands for. */
    public final long pvDecode;
    /** l0.eret_emulation_cycles: emulating an ERET from vEL2 (kvm_emulate_nested_eret). */
    public final long eretEmulation;
    /** l0.inject_nested_cycles: injecting an exception into vEL2 (virtual ESR/ELR/SPSR/FAR_EL2, PSTATE). */
    public final long injectNested;
    /** l0.shadow_state_registers: registers copied into the shadow EL1 state on each entry to vEL2. */
    public final int shadowStateRegisters;
    /** l0.shadow_state_sync_back_registers: registers copied back on each exit from vEL2. */
    public final int shadowSyncBackRegisters;
    /** l0.shadow_s2_lookup_cycles: finding the shadow stage-2 context for L1's VTTBR/VTCR on entry to L2. */
    public final long shadowS2Lookup;
    /** l0.shadow_s2_fault_cycles: L0 software of a shadow stage-2 fault besides the walk of L1's tables. */
    public final long shadowS2Fault;
    /** l0.l1_s2_levels: levels of L1's stage-2 tables that L0 walks on a shadow fault. */
    public final int l1S2Levels;
    /** l0.lr_translate_cycles: translating one of L1's virtual list registers into a hardware one. */
    public final long lrTranslate;
    /** l0.fast_paths: whether L0 resolves eligible traps in its low-level exit loop (upstream) or not (2017). */
    public final boolean fastPaths;
    /** l0.fast_path_cycles: the software of a fast-path trap. */
    public final long fastPath;
    /** l0.nv2_timer_sync_cycles: under NV2 without ECV, re-evaluating L2's timers (in VNCR memory) on each exit from L1. */
    public final long nv2TimerSync;
    /** arch.ecv: FEAT_ECV (with NV2, L0 traps L1's timer accesses instead of re-evaluating timers per exit). */
    public final boolean ecv;
    /** l0.nv_timer_map: whether L0 re-points the timers at each hyp/non-hyp switch (upstream get_timer_map) or not (2017). */
    public final boolean nvTimerMap;
    /** l0.timer_repoint_cycles: L0's work per timer whose backing changes at such a switch (save/restore or hrtimer). */
    public final long timerRepoint;
    /** l0.nv_vgic_nested: upstream vgic_v3_load/put_nested at every switch into and out of L2 (GICv3). */
    public final boolean nvVgicNested;
    /** l0.nv_vgic_nested_cycles: the C code of one vgic_v3_load_nested or put_nested besides its register accesses. */
    public final long nvVgicNestedSoftware;
    /** l0.mi_ppi_injected: L0 delivers L1's maintenance interrupt as PPI 25, which L1's kernel takes (upstream). */
    public final boolean miPpiInjected;
    /** l0.vhe: whether L0 itself runs as a VHE host. */
    public final boolean l0Vhe;
    // machine
    /** gic.version. */
    public final int gicVersion;
    /** gic.list_registers. */
    public final int listRegisters;
    /** The memory-virtualization parameters (mem.*, kvm.user_mem_abort_cycles, kvm.stage2_unmap_cycles). */
    public final io.nvsim.tlb.MemoryCosts memory;

    /** The parameters these fields were read from (for the terms declared in data, evaluated when compiling). */
    public final ParameterSet parameters;

    public CostModel(ParameterSet p) {
        parameters = p;
        trapEntry = p.cycles("cost.trap_entry_cycles");
        eret = p.cycles("cost.eret_cycles");
        sysregRead = p.cycles("cost.sysreg_read_cycles");
        sysregWrite = p.cycles("cost.sysreg_write_cycles");
        vncrAccess = p.cycles("cost.vncr_access_cycles");
        gicMmioRead = p.cycles("cost.gic_mmio_read_cycles");
        gicMmioWrite = p.cycles("cost.gic_mmio_write_cycles");
        gicv3SysregRead = p.cycles("cost.gicv3_sysreg_read_cycles");
        gicv3SysregWrite = p.cycles("cost.gicv3_sysreg_write_cycles");
        gicCpuifAccess = p.cycles("cost.gic_cpuif_access_cycles");
        gpSave = p.cycles("cost.gp_regs_save_cycles");
        gpRestore = p.cycles("cost.gp_regs_restore_cycles");
        tlbi = p.cycles("cost.tlbi_cycles");
        at = p.cycles("cost.at_cycles");
        memoryReference = p.cycles("cost.memory_reference_cycles");
        contextCopyPerReg = p.cycles("cost.context_copy_cycles_per_reg");
        ipiLatency = p.cycles("cost.ipi_latency_cycles");
        runLoop = p.cycles("kvm.run_loop_cycles");
        handleHvc = p.cycles("kvm.handle_hvc_cycles");
        mmioKernel = p.cycles("kvm.mmio_kernel_cycles");
        handleSysReg = p.cycles("kvm.handle_sys_reg_cycles");
        vgicSgi = p.cycles("kvm.vgic_sgi_cycles");
        hostIrq = p.cycles("kvm.host_irq_cycles");
        vgicFlushLr = p.cycles("kvm.vgic_flush_lr_cycles");
        vgicQueueIrq = p.cycles("kvm.vgic_queue_irq_cycles");
        vgicMaintenance = p.cycles("kvm.vgic_maintenance_cycles");
        timerUpdate = p.cycles("kvm.timer_update_cycles");
        hostTick = p.cycles("kvm.host_tick_cycles");
        vcpuBlock = p.cycles("kvm.vcpu_block_cycles");
        schedule = p.cycles("kernel.schedule_cycles");
        wakeup = p.cycles("kernel.wakeup_cycles");
        idleExit = p.cycles("cost.idle_exit_cycles");
        xenTrap = p.cycles("xen.trap_cycles");
        xenHypercall = p.cycles("xen.hypercall_cycles");
        xenMmio = p.cycles("xen.mmio_cycles");
        xenSgi = p.cycles("xen.sgi_cycles");
        sysregEmulation = p.cycles("l0.sysreg_emulation_cycles");
        pvDecode = p.cycles("l0.pv_decode_cycles");
        eretEmulation = p.cycles("l0.eret_emulation_cycles");
        injectNested = p.cycles("l0.inject_nested_cycles");
        shadowStateRegisters = p.count("l0.shadow_state_registers");
        shadowSyncBackRegisters = p.count("l0.shadow_state_sync_back_registers");
        shadowS2Lookup = p.cycles("l0.shadow_s2_lookup_cycles");
        shadowS2Fault = p.cycles("l0.shadow_s2_fault_cycles");
        l1S2Levels = p.count("l0.l1_s2_levels");
        lrTranslate = p.cycles("l0.lr_translate_cycles");
        fastPaths = p.flag("l0.fast_paths");
        fastPath = p.cycles("l0.fast_path_cycles");
        nv2TimerSync = p.cycles("l0.nv2_timer_sync_cycles");
        ecv = p.flag("arch.ecv");
        l0Vhe = p.flag("l0.vhe");
        nvTimerMap = p.flag("l0.nv_timer_map");
        timerRepoint = p.cycles("l0.timer_repoint_cycles");
        nvVgicNested = p.flag("l0.nv_vgic_nested");
        nvVgicNestedSoftware = p.cycles("l0.nv_vgic_nested_cycles");
        miPpiInjected = p.flag("l0.mi_ppi_injected");
        gicVersion = p.count("gic.version");
        listRegisters = p.count("gic.list_registers");
        memory = new io.nvsim.tlb.MemoryCosts(p);
    }
}
