package dev.jkboot.cli;

import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.KernelCommandLine;
import dev.jkboot.json.Json;
import dev.jkboot.verify.TrustAnchors;
import dev.jkboot.verify.VerifyException;
import dev.jkboot.verify.VerifyPolicy;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code jkboot probe} says of verified boot: the policy a boot would apply, and its trust anchors. */
final class ProbeVerify {
    private ProbeVerify() {}

    /** The policy of the image and the kernel command line; not available when they are broken (a boot fails too). */
    static Finding<VerifyPolicy> find(HostDescription host) {
        try {
            return new Finding.Found<>(VerifyPolicy.resolve(host.root().dir(),
                    host.commandLine().optional().map(KernelCommandLine::text), Optional.empty()));
        } catch (VerifyException e) {
            return new Finding.NotAvailable<>(host.root().show(TrustAnchors.DIRECTORY), e.getMessage(), e.fix());
        }
    }

    static List<String> lines(VerifyPolicy policy) {
        List<String> lines = new ArrayList<>();
        lines.add(policy.describe());
        policy.anchors().anchors().forEach(a -> lines.add("anchor %s (until %s) from %s".formatted(
                subject(a.certificate()), a.certificate().getNotAfter().toInstant(), a.file())));
        policy.anchors().openPgpKeys().forEach(k -> lines.add("OpenPGP key %s from %s".formatted(
                k.key().fingerprint(), k.file())));
        return lines;
    }

    static void json(VerifyPolicy policy, Json.ObjectBuilder o) {
        o.put("level", policy.level().word())
                .put("reasons", Json.strings(policy.reasons()))
                .put("anchors", Json.array(policy.anchors().anchors().stream().map(a -> Json.object()
                        .put("subject", subject(a.certificate()))
                        .put("notAfter", a.certificate().getNotAfter().toInstant().toString())
                        .put("key", a.certificate().getPublicKey().getAlgorithm())
                        .put("file", a.file()).build()).toList()))
                .put("openPgpKeys", Json.array(policy.anchors().openPgpKeys().stream().map(k -> Json.object()
                        .put("keyId", k.key().keyId())
                        .put("fingerprint", k.key().fingerprint())
                        .put("file", k.file()).build()).toList()));
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
