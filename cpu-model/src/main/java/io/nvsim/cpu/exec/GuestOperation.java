package io.nvsim.cpu.exec;

/**
 * The guest operations whose nested cost the simulator derives: what the guest (L2, or the VM in
 * the single-level config) does, which exit it causes, and what the hypervisor that handles it
 * runs. The hypervisor's instructions come from the path data; this enum only names the exit
 * kind ({@code when} tokens of the path files), the host handlers, and the handler's C-code cost.
 */
public enum GuestOperation {
    /** A null HVC, handled by the guest's hypervisor (handle_hvc, PSCI NOT_SUPPORTED). */
    HYPERCALL("hypercall", Trigger.HVC, new String[] {"hvc_exit"}, "handle_hvc", false),
    /** An MMIO access to a device the guest's hypervisor emulates in its kernel (io_mem_abort). */
    DEVICE_MMIO("device MMIO", Trigger.DATA_ABORT, new String[] {"abort"}, "handle_mmio_kernel", false),
    /**
     * An SGI (IPI) to another vCPU; kicks the target. GICv2: a GICD_SGIR write to the distributor the guest's
     * hypervisor emulates (a stage-2 abort); GICv3: an ICC_SGI1R_EL1 write that traps (EC 0x18, HCR_EL2.IMO).
     */
    SGI_SEND("SGI send (GICD_SGIR)", Trigger.DATA_ABORT, new String[] {"abort", "target_in_guest"}, "handle_sgi_send", false),
    /** A physical IPI for the guest's hypervisor arrives while the guest runs; the guest gets a virtual IRQ. */
    IRQ_RECEIVE("interrupt delivery", Trigger.IRQ, new String[] {"irq_exit", "eoimode1"}, "handle_ipi_receive", true),
    /**
     * Underflow maintenance interrupt (ICH_HCR/GICH_HCR.UIE): the guest's hypervisor had more interrupts
     * queued than list registers, and at most one LR still holds one. Physical MI while the guest runs; the
     * hypervisor's exit path reads MISR ({@code lr_mi}), its sync/flush refills the LRs.
     */
    LR_UNDERFLOW_MI("underflow maintenance interrupt", Trigger.IRQ, new String[] {"irq_exit", "lr_mi"}, "handle_maintenance", true),
    /**
     * EOI maintenance interrupt: the guest completed a level-triggered interrupt whose LR has the EOI bit
     * (vgic_v2/v3_populate_lr: level and not HW); the exit path reads MISR and EISR ({@code lr_eoi}).
     */
    LR_EOI_MI("EOI maintenance interrupt", Trigger.IRQ, new String[] {"irq_exit", "lr_eoi"}, "handle_maintenance", true),
    /**
     * The guest's virtual timer (CNTV, PPI 27, in hardware while the guest runs) fires: the physical PPI makes an
     * IRQ exit; the hypervisor's world switch masks CNTV, its run loop finds the timer should fire, queues the
     * mapped virtual IRQ and marks the physical one active (GIC MMIO), and the guest takes the virtual IRQ on
     * re-entry (one HW list register). Nested: L0 does this for the vCPU, sees L2 context and forwards an IRQ
     * exception to L1, which does it again for L2 (docs/research/interrupts-timers.md, l2_vtimer_hw_fire).
     */
    VTIMER_FIRE("virtual timer interrupt", Trigger.IRQ, new String[] {"irq_exit"}, "l2_vtimer_hw_fire", true),
    /**
     * The guest's hypervisor's own timer tick while the guest runs (an interrupt for L1 while L2 runs): its
     * clockevent (CNTP non-VHE, CNTHP VHE) fires; L0 takes it and, nested, injects an IRQ into vEL2; L1's kernel
     * takes the tick (l1_own_timer_during_l2 rows: IRQ entry, GIC ack/EOI, timer handler, next event) and
     * re-enters L2 with its LRs unchanged. Single level: L0's own tick while the VM runs.
     */
    HYPERVISOR_TICK("guest hypervisor's timer tick", Trigger.IRQ, new String[] {"irq_exit", "eoimode1", "next_tick"},
        "l1_own_timer_during_l2", false),
    /** The guest completes a virtual interrupt through the GIC virtual CPU interface (GICV_EOIR). */
    VIRTUAL_EOI("virtual EOI (GICV_EOIR)", Trigger.NONE, new String[0], "", false),
    /**
     * A load/store to guest memory its hypervisor's stage-2 does not map (or maps without the
     * permission): the hypervisor's {@code user_mem_abort} maps it. Single level: L0 handles it;
     * nested: L0's shadow walk finds no mapping in L1's stage-2 and forwards it to L1.
     */
    STAGE2_FAULT("stage-2 fault on guest memory", Trigger.DATA_ABORT, new String[] {"abort"}, "user_mem_abort", false),
    /** Nested only: a load/store to L2 memory that L1's stage-2 maps but the shadow stage-2 does not yet; L0 alone maps it. */
    SHADOW_S2_FAULT("shadow stage-2 fault", Trigger.SHADOW_FAULT, new String[] {"abort"}, "", false),
    /** The guest's hypervisor clears one stage-2 entry and flushes it: kvm_tlb_flush_vmid_ipa (TLBI IPAS2E1IS + VMALLE1IS). */
    TLB_FLUSH_VMID_IPA("hypervisor TLB flush by IPA", Trigger.HOST, new String[0], "tlb_flush_vmid_ipa", false),
    /** The guest's hypervisor flushes its guest's whole VMID: kvm_flush_remote_tlbs (TLBI VMALLS12E1IS). */
    TLB_FLUSH_VMID("hypervisor TLB flush of a VMID", Trigger.HOST, new String[0], "tlb_flush_vmid", false),
    /** The guest's hypervisor flushes every VMID: __kvm_flush_vm_context (TLBI ALLE1IS). */
    FLUSH_VM_CONTEXT("hypervisor TLB flush of all VMIDs", Trigger.HOST, new String[0], "flush_vm_context", false);

    /** How the operation leaves the guest. */
    public enum Trigger {
        /** EC 0x16, always taken to EL2 and, nested, reflected to the guest's hypervisor. */
        HVC,
        /** EC 0x24: a stage-2 data abort on an address the guest's hypervisor does not map (emulated device). */
        DATA_ABORT,
        /** EC 0x18: a system-register access the hypervisor traps (GICv3 ICC_SGI1R_EL1 under HCR_EL2.IMO). */
        SYSREG,
        /** A physical interrupt while the guest runs. */
        IRQ,
        /** No exception: the guest's instruction completes in hardware. */
        NONE,
        /** EC 0x24 that L0 resolves alone (nested): the shadow stage-2 lacks an entry L1's stage-2 has. */
        SHADOW_FAULT,
        /** No guest exit: the guest's hypervisor runs the handler on its own (its MMU notifier, its VMID allocator). */
        HOST
    }

    private final String label;
    private final Trigger trigger;
    private final String[] exitTokens;
    private final String handler;
    private final boolean guestTakesInterrupt;

    GuestOperation(String label, Trigger trigger, String[] exitTokens, String handler, boolean guestTakesInterrupt) {
        this.label = label;
        this.trigger = trigger;
        this.exitTokens = exitTokens;
        this.handler = handler;
        this.guestTakesInterrupt = guestTakesInterrupt;
    }

    public String label() {
        return label;
    }

    /** The label on a machine with GIC version {@code gicVersion} (an SGI names the register it writes). */
    public String label(int gicVersion) {
        return this == SGI_SEND && gicVersion >= 3 ? "SGI send (ICC_SGI1R_EL1)" : label;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** How the operation leaves the guest on a machine with GIC version {@code gicVersion}. */
    public Trigger trigger(int gicVersion) {
        return this == SGI_SEND && gicVersion >= 3 ? Trigger.SYSREG : trigger;
    }

    /** The exit's path-condition tokens on a machine with GIC version {@code gicVersion}. */
    public String[] exitTokens(int gicVersion) {
        return this == SGI_SEND && gicVersion >= 3 ? new String[] {"sysreg_trap", "target_in_guest"} : exitTokens();
    }

    /** The path-condition tokens that hold for the exit this operation causes (GICv2). */
    public String[] exitTokens() {
        return exitTokens.clone();
    }

    /** Whether the operation can happen under {@code mode} (a shadow stage-2 fault needs nesting). */
    public boolean occursIn(io.nvsim.cpu.arch.ArchMode mode) {
        return trigger != Trigger.SHADOW_FAULT || mode != io.nvsim.cpu.arch.ArchMode.VM;
    }

    /** The host-handler group (in {@code kvm-v4.10-host-handlers.csv}) the hypervisor runs for it. */
    public String handler() {
        return handler;
    }

    /** Whether the guest's hypervisor itself takes an interrupt (its own IPI), besides handling the guest's exit. */
    public boolean hypervisorTakesInterrupt() {
        return this == IRQ_RECEIVE || this == HYPERVISOR_TICK;
    }

    /** Whether the host takes the physical interrupt in its kernel (false for a timer whose line the world switch dropped). */
    public boolean hostTakesPhysicalIrq() {
        return trigger == Trigger.IRQ && this != VTIMER_FIRE;
    }

    /** Whether the operation is a maintenance interrupt of the guest's list registers. */
    public boolean maintenance() {
        return this == LR_UNDERFLOW_MI || this == LR_EOI_MI;
    }

    /** Whether the guest takes a virtual interrupt at the end (the operation completes there). */
    public boolean guestTakesInterrupt() {
        return guestTakesInterrupt;
    }

    /** The handler's C code besides the listed instructions, from the cost model and the list-register state. */
    long handlerSoftware(CostModel c, ListRegisterState lrs) {
        switch (this) {
            case IRQ_RECEIVE:
                return c.hostIrq + c.vgicFlushLr * Math.max(1, lrs.liveAtEntry()) + c.vgicQueueIrq * lrs.queued();
            case LR_UNDERFLOW_MI:
            case LR_EOI_MI:
                return c.vgicMaintenance + c.vgicFlushLr * lrs.liveAtEntry();
            default:
                return handlerSoftware(c);
        }
    }

    /** The handler's C code besides the listed instructions, from the cost model. */
    long handlerSoftware(CostModel c) {
        switch (this) {
            case HYPERCALL:
                return c.handleHvc;
            case DEVICE_MMIO:
                return c.mmioKernel;
            case SGI_SEND:
                return (c.gicVersion >= 3 ? c.handleSysReg : c.mmioKernel) + c.vgicSgi;
            case IRQ_RECEIVE:
                return c.hostIrq + c.vgicFlushLr;
            case STAGE2_FAULT:
                return c.memory.userMemAbort;
            case VTIMER_FIRE:
                return c.timerUpdate + c.vgicQueueIrq + c.vgicFlushLr;
            case HYPERVISOR_TICK:
                return c.hostIrq + c.hostTick;
            default:
                return 0;
        }
    }
}
