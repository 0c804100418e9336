package dev.kforge.dsl.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns for replacing folders: a lock on the file {@code .kforge.lock} in their parent, so that
 * two renders into one output folder (two terminals, a save hook) do not swap folders under each
 * other. A file lock belongs to the whole process, so this process's threads take turns first.
 */
final class FolderLock {
    static final String LOCK_FILE = ".kforge.lock";

    private FolderLock() {
    }

    /** Work that may fail on the file system. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the lock of each of {@code parents} (created as needed), taken in the order given. */
    static synchronized <T> T holding(List<Path> parents, Work<T> work) throws IOException {
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (Path parent : parents) {
                if (!Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                }
                FileChannel channel;
                try {
                    channel = FileChannel.open(parent.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                } catch (FileSystemException e) {
                    // Denied or read-only: no render can change that folder, and an unchanged one needs no turn.
                    continue;
                }
                channels.add(channel);
                channel.lock();
            }
            return work.run();
        } finally {
            for (FileChannel channel : channels) {
                channel.close(); // releases its lock
            }
        }
    }
}
