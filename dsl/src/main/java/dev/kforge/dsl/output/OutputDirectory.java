package dev.kforge.dsl.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Replaces an environment's output folder as a whole. The new files are written to a hidden
 * sibling folder first and swapped in with renames, so a failed write leaves the previous folder
 * exactly as it was, and files of objects that no longer exist disappear. Replacements of folders
 * with one parent take turns ({@link FolderLock}), and each clears what a killed one left behind
 * ({@link LeftoverFolders}).
 */
public final class OutputDirectory {
    private OutputDirectory() {
    }

    /**
     * Replaces several folders, in parallel (each folder's replacement stays atomic on its own).
     *
     * @return the folders that changed
     * @throws IOException naming each folder that could not be written and why, and those that were
     */
    public static List<Path> replaceAll(Map<Path, List<ManifestFile>> folders) throws IOException {
        List<Path> parents = folders.keySet().stream().map(folder -> folder.toAbsolutePath().getParent()).distinct().sorted().toList();
        List<Object> outcomes = FolderLock.holding(parents, () -> {
            // Listed once per parent: a large render replaces thousands of folders in one.
            Map<Path, List<LeftoverFolders.Leftover>> leftovers = LeftoverFolders.byFolder(parents);
            return folders.entrySet().parallelStream().map(entry -> {
                try {
                    Path folder = entry.getKey();
                    List<LeftoverFolders.Leftover> left = leftovers.getOrDefault(folder.toAbsolutePath(), List.of());
                    return (Object) (replaceUnlocked(folder, entry.getValue(), false, left) ? folder : "unchanged");
                } catch (IOException e) {
                    return new UncheckedIOException("Cannot write " + entry.getKey() + ": " + FileErrors.describe(e), e);
                }
            }).toList();
        });
        List<Path> changed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof UncheckedIOException failure) {
                failures.add(failure.getMessage());
            } else if (outcome instanceof Path folder) {
                changed.add(folder);
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures) + (changed.isEmpty() ? "" : ". Written: "
                    + String.join(", ", changed.stream().map(Path::toString).toList())));
        }
        return changed;
    }

    /** The files currently in {@code folder} by name (empty when it does not exist). */
    public static Map<String, String> read(Path folder) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.sorted().toList()) {
                if (Files.isRegularFile(file)) {
                    files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder + ": " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * Makes {@code folder} hold exactly {@code files}. Does nothing when it already does, so
     * unchanged output keeps its timestamps.
     *
     * @return whether anything changed
     */
    public static boolean replace(Path folder, List<ManifestFile> files) throws IOException {
        return replace(folder, files, false);
    }

    /**
     * As {@link #replace(Path, List)}; with {@code ownerOnly} the folder and files are created
     * readable by their owner only, before any content is written (for secret values).
     */
    public static boolean replace(Path folder, List<ManifestFile> files, boolean ownerOnly) throws IOException {
        List<Path> parent = List.of(folder.toAbsolutePath().getParent());
        return FolderLock.holding(parent, () -> replaceUnlocked(folder, files, ownerOnly,
                LeftoverFolders.byFolder(parent).getOrDefault(folder.toAbsolutePath(), List.of())));
    }

    private static boolean replaceUnlocked(Path folder, List<ManifestFile> files, boolean ownerOnly,
                                           List<LeftoverFolders.Leftover> leftovers) throws IOException {
        LeftoverFolders.clear(folder, leftovers);
        Map<String, String> wanted = new TreeMap<>();
        files.forEach(file -> wanted.put(file.fileName(), file.content()));
        if (Files.isDirectory(folder) && read(folder).equals(wanted) && entryCount(folder) == wanted.size()) {
            return false;
        }
        Path parent = folder.toAbsolutePath().getParent();
        // Checked first: createDirectories on an existing folder fails inside and builds an exception.
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        String base = "." + folder.getFileName() + "." + ProcessHandle.current().pid();
        Path staging = parent.resolve(base + ".new");
        Path previous = parent.resolve(base + ".old");
        boolean swapped = false;
        try {
            boolean posix = ownerOnly && staging.getFileSystem().supportedFileAttributeViews().contains("posix");
            createStaging(staging, posix);
            for (Map.Entry<String, String> file : wanted.entrySet()) {
                Path target = staging.resolve(file.getKey());
                if (posix) {
                    Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            boolean replacing = Files.exists(folder);
            if (replacing) {
                deleteRecursively(previous);
                Files.move(folder, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
                swapped = true;
            } catch (IOException e) {
                if (replacing) {
                    Files.move(previous, folder, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            if (replacing) {
                try {
                    deleteRecursively(previous);
                } catch (IOException e) {
                    // The new folder is in place; what is left of the old one is cleared by the next render.
                }
            }
        } finally {
            if (!swapped) {
                deleteRecursively(staging);
            }
        }
        return true;
    }

    /** The staging folder, empty; one left by an earlier run that stopped half-way (same process id) is removed first. */
    private static void createStaging(Path staging, boolean ownerOnly) throws IOException {
        try {
            createFolder(staging, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            deleteRecursively(staging);
            createFolder(staging, ownerOnly);
        }
    }

    private static void createFolder(Path folder, boolean ownerOnly) throws IOException {
        if (ownerOnly) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(folder);
        }
    }

    private static long entryCount(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.count();
        }
    }

    /** Removes {@code path} and everything below it; nothing when it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
