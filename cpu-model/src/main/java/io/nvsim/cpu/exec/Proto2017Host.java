package io.nvsim.cpu.exec;

/**
 * The 2017 prototype host (columbia/nesting-pub on Linux v4.10): every trap of the guest hypervisor is a full exit,
 * the shadow EL1 copy of vEL2 is rebuilt on every entry into vEL2 and copied back on every exit from it; the upstream
 * behaviours it can be given one by one ({@code l0.fast_paths}, {@code l0.nv_timer_map}, {@code l0.nv_vgic_nested})
 * are what-ifs on top of it.
 */
final class Proto2017Host extends KvmHost {
    Proto2017Host(CompileContext c) {
        super(c);
    }
}
