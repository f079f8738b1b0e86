package dev.jkboot.cli;

import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.freebsd.MetadataBlock;
import dev.jkboot.freebsd.ModInfo;
import dev.jkboot.freebsd.PreloadedFile;
import dev.jkboot.mem.Align;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.KexecSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A plan as people read it: the segment table, the key addresses and every metadata record decoded. */
final class PlanText {
    private PlanText() {}

    static String render(KexecPlan plan) {
        BootImage img = plan.image();
        StringBuilder sb = new StringBuilder();
        sb.append("addresses:\n");
        line(sb, "staging (PA of KERNBASE)", "0x%x".formatted(plan.staging()));
        line(sb, "kexec entry (trampoline)", "0x%x".formatted(plan.entryPhys()));
        line(sb, "kernel entry", "0x%x (VA 0x%x)".formatted(plan.trampoline().kernelEntryPhys(), img.kernelEntryVa()));
        line(sb, "modulep", "VA 0x%x (PA 0x%x), %d bytes of metadata".formatted(img.modulepVa(),
                plan.phys(img.modulepVa()), img.metadata().size()));
        line(sb, "kernend", "VA 0x%x (PA 0x%x)".formatted(img.kernendVa(), plan.phys(img.kernendVa())));
        line(sb, "environment", "VA 0x%x".formatted(img.envVa()));
        line(sb, "device tree", img.dtbVa().map(v -> "VA 0x%x, %d bytes".formatted(v, img.dtbSize()))
                .orElse("none passed"));
        if (plan.trampoline().memmapSourcePhys() != 0) {
            line(sb, "UEFI map", "copied by the trampoline at jump time: %d bytes from 0x%x to 0x%x".formatted(
                    plan.trampoline().memmapLength(), plan.trampoline().memmapSourcePhys(),
                    plan.trampoline().memmapDestinationPhys()));
        }
        line(sb, "trampoline UART", plan.trampoline().uartPhys() == 0 ? "none (silent)"
                : "PL011 at 0x%x".formatted(plan.trampoline().uartPhys()));
        line(sb, "integrity check", plan.trampoline().integrity().isEmpty() ? "off" : "CRC-32 of %d ranges, %s, "
                .formatted(plan.trampoline().integrity().entries().size(),
                        Align.human(plan.trampoline().integrity().bytes())) + "checked by the trampoline before the jump");

        sb.append("segments (%d of at most 16, %s):\n".formatted(plan.segments().size(),
                Align.human(plan.totalBytes())));
        sb.append("  #  mem                                  memsz       bufsz       holds\n");
        for (int i = 0; i < plan.segments().size(); i++) {
            KexecSegment s = plan.segments().get(i);
            sb.append("  %-2d 0x%016x-0x%016x  0x%-9x 0x%-9x %s\n".formatted(i, s.mem(), s.end(), s.memsz(),
                    s.bufsz(), s.contents()));
        }

        sb.append("files:\n");
        for (PreloadedFile f : img.files()) {
            sb.append("  %-14s VA 0x%x PA 0x%x size %d  %s%s\n".formatted(f.type(), f.address(),
                    plan.phys(f.address()), f.size(), f.name(), f.args().map(a -> " [" + a + "]").orElse("")));
        }
        sb.append("environment (%d variables, as the kernel sees them):\n".formatted(img.env().variables().size()));
        for (Map.Entry<String, String> e : img.env().variables().entrySet()) {
            sb.append("  ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        sb.append("metadata records:\n");
        appendRecords(sb, img.metadata(), img);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String what, String value) {
        sb.append("  %-26s %s\n".formatted(what, value));
    }

    private static void appendRecords(StringBuilder sb, MetadataBlock block, BootImage img) {
        ByteBuffer b = ByteBuffer.wrap(block.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int file = -1;
        for (MetadataBlock.Placed r : block.records()) {
            if (r.fileIndex() != file) {
                file = r.fileIndex();
                sb.append("  file %d:\n".formatted(file));
            }
            sb.append("    %-22s %s\n".formatted(ModInfo.name(r.type()), value(b, r, img)));
        }
        sb.append("    MODINFO_END\n");
    }

    static String value(ByteBuffer b, MetadataBlock.Placed r, BootImage img) {
        int at = r.dataOffset();
        return switch (r.type()) {
            case ModInfo.NAME, ModInfo.TYPE, ModInfo.ARGS ->
                    "\"" + new String(block(b, at, r.size() - 1), StandardCharsets.UTF_8) + "\"";
            case ModInfo.MD_HOWTO -> new Howto(b.getInt(at)).toString();
            case ModInfo.MD_FW_HANDLE -> "0x%x (physical: UEFI system table)".formatted(b.getLong(at));
            case ModInfo.SIZE, ModInfo.MD_CTORS_SIZE -> Long.toString(b.getLong(at));
            case ModInfo.ADDR, ModInfo.MD_SSYM, ModInfo.MD_ESYM, ModInfo.MD_DYNAMIC, ModInfo.MD_ENVP,
                    ModInfo.MD_KERNEND, ModInfo.MD_DTBP, ModInfo.MD_CTORS_ADDR -> "0x%x".formatted(b.getLong(at));
            case ModInfo.MD_EFI_MAP -> "%d bytes: memory_size %d, descriptor_size %d, version %d, %s".formatted(
                    r.size(), b.getLong(at), b.getLong(at + 8), b.getInt(at + 16),
                    img.efiMap().orElseThrow().copiedAtJump() ? "descriptors copied at jump time"
                            : "descriptors read from /dev/mem");
            default -> r.size() + " bytes";
        };
    }

    private static byte[] block(ByteBuffer b, int at, int len) {
        byte[] out = new byte[len];
        b.get(at, out);
        return out;
    }
}
