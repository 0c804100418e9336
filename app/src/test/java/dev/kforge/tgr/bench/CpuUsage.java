package dev.kforge.tgr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Machine-wide and own-process CPU time, read before and after a measured phase so that the report can say
 * how much of the machine other processes took meanwhile (other builds on a shared machine skew the figures).
 * Linux only ({@code /proc/stat}); elsewhere the machine-wide figure is unknown.
 */
record CpuUsage(long machineBusyNanos, long processNanos, long wallNanos) {

    static CpuUsage now() {
        long process = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            process = os.getProcessCpuTime();
        }
        return new CpuUsage(machineBusy(), process, System.nanoTime());
    }

    /** The share of the machine's CPU (0..1) used by other processes from {@code start} to this sample, or -1. */
    double othersSince(CpuUsage start, int cores) {
        if (machineBusyNanos < 0 || start.machineBusyNanos < 0 || processNanos < 0) {
            return -1;
        }
        double machine = machineBusyNanos - start.machineBusyNanos;
        double own = processNanos - start.processNanos;
        double capacity = (wallNanos - start.wallNanos) * (double) cores;
        return capacity <= 0 ? -1 : Math.max(0, (machine - own) / capacity);
    }

    /** Share of the machine (0..1) this process used from {@code start} to this sample, or -1. */
    double ownSince(CpuUsage start, int cores) {
        if (processNanos < 0 || start.processNanos < 0) {
            return -1;
        }
        double capacity = (wallNanos - start.wallNanos) * (double) cores;
        return capacity <= 0 ? -1 : (processNanos - start.processNanos) / capacity;
    }

    /** Busy time of all CPUs from the first line of /proc/stat (USER_HZ ticks, taken as 100 per second). */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
