package dev.jkboot.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Positional reads of physical memory through {@code /dev/mem}. Often refused, and the reason
 * matters: a Debian kernel (STRICT_DEVMEM) answers EPERM for System RAM and EFAULT for MMIO, and
 * lockdown or a missing CONFIG_DEVMEM closes it entirely.
 */
public final class DevMem {
    public static final String PATH = "/dev/mem";

    /** strerror texts Java reports, back to the errno names kernel documentation uses. */
    private static final Map<String, String> ERRNO = Map.of(
            "Operation not permitted", "EPERM",
            "Permission denied", "EACCES",
            "Bad address", "EFAULT",
            "Invalid argument", "EINVAL",
            "Input/output error", "EIO",
            "No such file or directory", "ENOENT");

    private DevMem() {}

    /** Exactly {@code length} bytes at physical {@code address}, or why not. */
    public static byte[] read(HostRoot root, long address, int length) throws HostException {
        String where = root.show(PATH);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel mem = FileChannel.open(root.resolve(PATH), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                int n = mem.read(buffer, address + buffer.position());
                if (n <= 0) {
                    throw new HostException(where, "short read: " + buffer.position() + " of " + length
                            + " bytes at 0x" + Long.toHexString(address), "");
                }
            }
        } catch (NoSuchFileException e) {
            throw new HostException(where, "ENOENT: does not exist (kernel without CONFIG_DEVMEM, "
                    + "or /dev not mounted)", "", e);
        } catch (IOException e) {
            // Concatenated, not formatted: Debian's kernels refuse this read of System RAM (the UEFI
            // map) at every boot, and the first String.format costs 0.3 s in the TCG VM (issue 12).
            throw new HostException(where, length + " bytes at 0x" + Long.toHexString(address) + ": " + errno(e),
                    "", e);
        }
        return buffer.array();
    }

    /** "EPERM (Operation not permitted)" for what the kernel said, as precisely as Java tells. */
    static String errno(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "EACCES (Permission denied): /dev/mem needs root, and lockdown closes it";
        }
        String text = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String name = ERRNO.get(text);
        return name == null ? text : name + " (" + text + ")";
    }
}
