import CPangoCairo

/// Process-wide memory settings for drawing on several threads.
public enum ProcessMemory {
    /// Makes glibc's malloc use one arena for every thread, so that drawing threads reuse each
    /// other's freed memory instead of each growing its own (at 2,000 indicators drawn as two parts,
    /// peak RSS 103 MiB with the default per-thread arenas, 88 MiB with one, at no measurable cost
    /// in time). Call it before any other thread starts; it affects the whole process.
    public static func useOneMallocArena() {
        cpc_use_one_malloc_arena()
    }
}
