package dev.kforge.dsl.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden folders a replacement works in, {@code .<folder>.<pid>.new} (the files being written)
 * and {@code .<folder>.<pid>.old} (the folder it replaces, until the swap is done), left behind
 * when a render is killed half-way. {@code make check} reports them; the next render of the folder
 * clears them.
 */
public final class LeftoverFolders {
    private static final Pattern NAME = Pattern.compile("\\.(.+)\\.([0-9]+)\\.(new|old)");

    /**
     * @param path     the hidden folder
     * @param folder   the name of the folder it was for, e.g. {@code dev}
     * @param pid      the process that made it
     * @param previous whether it holds the replaced folder ({@code .old}) rather than new files
     */
    public record Leftover(Path path, String folder, long pid, boolean previous) {
    }

    private LeftoverFolders() {
    }

    /** The leftovers in {@code parent} of processes that no longer run, by name. */
    public static List<Leftover> in(Path parent) {
        List<Leftover> found = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path entry : entries.sorted().toList()) {
                Matcher matcher = NAME.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry)) {
                    long pid = Long.parseLong(matcher.group(2));
                    if (!isRunning(pid)) {
                        found.add(new Leftover(entry, matcher.group(1), pid, matcher.group(3).equals("old")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + parent + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** The leftovers of each folder of {@code parents}, by the folder's absolute path. */
    static Map<Path, List<Leftover>> byFolder(List<Path> parents) {
        Map<Path, List<Leftover>> byFolder = new HashMap<>();
        for (Path parent : parents) {
            for (Leftover leftover : in(parent)) {
                byFolder.computeIfAbsent(parent.resolve(leftover.folder()), folder -> new ArrayList<>()).add(leftover);
            }
        }
        return byFolder;
    }

    /**
     * Clears {@code leftovers} of {@code folder}. When the folder itself is missing, the kill came
     * between moving it aside and moving the new one in: the folder moved aside is put back, so the
     * last complete output is what remains if this render fails too.
     */
    static void clear(Path folder, List<Leftover> leftovers) {
        for (Leftover leftover : leftovers) {
            try {
                if (leftover.previous() && !Files.exists(folder)) {
                    Files.move(leftover.path(), folder, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    OutputDirectory.deleteRecursively(leftover.path());
                }
            } catch (IOException e) {
                // Not this render's to fail on (a folder it may not delete, say): make check keeps reporting it.
            }
        }
    }

    private static boolean isRunning(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
