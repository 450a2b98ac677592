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
    /**
     * An SGI to a vCPU that is blocked (it executed WFI and its hypervisor scheduled it out): the same exit and
     * emulation as {@link #SGI_SEND}, but the kick is {@code kvm_vcpu_wake_up}: try_to_wake_up of the target's vCPU
     * thread and a reschedule IPI to its idle CPU ({@code target_blocked_remote}). Nested, L1's IPI to its own idle
     * vCPU traps to L0, whose vCPU for it is blocked as well: L0 wakes its thread the same way.
     */
    SGI_WAKE("SGI send to a blocked vCPU", Trigger.DATA_ABORT, new String[] {"abort", "target_blocked_remote"}, "handle_sgi_send",
        false),
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
    /**
     * An SGI to a vCPU whose hypervisor is halt-polling for it (its WFI is recent: {@code kvm_vcpu_block} spins before it
     * blocks): the same exit and emulation as {@link #SGI_SEND}, but the kick finds the target neither on its wait queue
     * nor in the guest, so no IPI is sent ({@code target_polling}); the poller sees the queued interrupt at once.
     */
    SGI_POLLED("SGI send to a halt-polling vCPU", Trigger.DATA_ABORT, new String[] {"abort", "target_polling"}, "handle_sgi_send",
        false),
    /**
     * The guest executes WFI with no interrupt pending (its idle loop): the WFI traps (HCR_EL2.TWI) and its
     * hypervisor blocks the vCPU ({@code kvm_handle_wfx} > {@code kvm_vcpu_block}: arm a soft timer for the guest's
     * timer, schedule to the idle task, WFI). Nested, L0 forwards L2's WFI to L1 (upstream
     * {@code guest_hyp_wfx_traps_enabled}: L1's HCR_EL2.TWI is set in L2 context), L1 blocks its vCPU thread and its
     * own idle loop's WFI traps to L0, which blocks L1's vCPU. The operation ends when the physical CPU idles.
     */
    WFI_BLOCK("WFI: the vCPU blocks", Trigger.WFX, new String[] {"wfi_exit", "vtimer_armed"}, "vcpu_block", false),
    /**
     * A blocked vCPU is woken by an interrupt (an IPI its hypervisor queued, or its timer): its physical CPU leaves
     * WFI and takes the reschedule IPI, the host schedules the vCPU thread back, {@code kvm_vcpu_block} returns and
     * the run loop re-enters the guest with the interrupt in a list register. Nested, L0 does this for L1's vCPU and
     * enters L1, whose kernel takes its own reschedule IPI and does it again for L2.
     */
    WFI_WAKE("wake-up of a blocked vCPU", Trigger.WAKE, new String[] {"irq_exit", "eoimode1"}, "vcpu_wake", true),
    /**
     * A blocked vCPU's guest timer (CNTV) deadline arrives: the soft timer its hypervisor armed when it blocked fires in
     * that hypervisor's clockevent interrupt, a kworker wakes the vCPU thread on the same CPU and the run loop raises the
     * mapped timer interrupt (GIC active-set write) before entering the guest. Nested, L0's soft timer for L1's clockevent
     * (CNTP for a non-VHE L1; the EL2 physical timer CNTHP for a VHE L1, which L0 must emulate: {@code TimerMap}) wakes
     * L1's vCPU first; L1 then takes that timer interrupt and does the same for L2.
     */
    TIMER_WAKE("timer wake-up of a blocked vCPU", Trigger.WAKE, new String[] {"irq_exit", "eoimode1", "next_tick", "vtimer_irq_high"},
        "vcpu_timer_wake", true),
    /**
     * The guest's WFI while its hypervisor halt-polls (v4.10 {@code kvm_vcpu_block} with {@code vcpu->halt_poll_ns > 0}):
     * the exit and the hypervisor's handling up to its poll loop, which then spins (the spin is charged by the workload
     * for as long as it lasts). If the poll window ends first, the rest of {@link #WFI_BLOCK} follows.
     */
    WFI_POLL("WFI: the hypervisor halt-polls", Trigger.WFX, new String[] {"wfi_exit", "vtimer_armed"}, "vcpu_block", false),
    /**
     * The halt-polling hypervisor finds the guest's interrupt pending: it leaves its poll loop, runs its run loop and
     * re-enters the guest with the interrupt in a list register (nested: L1's trapping entry path and ERET).
     */
    POLL_WAKE("wake-up from halt polling", Trigger.WAKE, new String[] {"irq_exit", "eoimode1"}, "vcpu_wake", true),
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
        HOST,
        /** EC 0x01: WFI with HCR_EL2.TWI set; the vCPU blocks instead of returning to the guest. */
        WFX,
        /** No guest exit: the vCPU is blocked and its physical CPU idle; an interrupt wakes it up. */
        WAKE
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
        return isSgi() && gicVersion >= 3 ? label.replace("SGI send", "SGI send (ICC_SGI1R_EL1)") : label;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** How the operation leaves the guest on a machine with GIC version {@code gicVersion}. */
    public Trigger trigger(int gicVersion) {
        return isSgi() && gicVersion >= 3 ? Trigger.SYSREG : trigger;
    }

    /** The exit's path-condition tokens on a machine with GIC version {@code gicVersion}. */
    public String[] exitTokens(int gicVersion) {
        return isSgi() && gicVersion >= 3 ? new String[] {"sysreg_trap", exitTokens[1]} : exitTokens();
    }

    /** The path-condition tokens that hold for the exit this operation causes (GICv2). */
    public String[] exitTokens() {
        return exitTokens.clone();
    }

    /** Whether the operation is a WFI whose hypervisor halt-polls, or the wake-up of such a poll. */
    public boolean polls() {
        return this == WFI_POLL || this == POLL_WAKE;
    }

    /** Whether the operation sends an SGI (an IPI to another vCPU). */
    public boolean isSgi() {
        return this == SGI_SEND || this == SGI_WAKE || this == SGI_POLLED;
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
}
