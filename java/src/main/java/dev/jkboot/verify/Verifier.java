package dev.jkboot.verify;

import dev.jkboot.fs.FileContent;
import dev.jkboot.loaderconf.BootFiles;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks the files of one boot against the signed manifests next to them, as libsecureboot's
 * verify_file does (lib/libsecureboot/verify_file.c): for a file, the first of
 * {@code DIR/manifest} and {@code DIR/../manifest} that exists is loaded once its signature
 * verifies; then the file's entry is looked up in every manifest loaded so far, nearest directory
 * first, and the file's digest must match it. A file with no entry is accepted only below the
 * policy's {@link VerifyLevel#mustHaveEntry} and only once some manifest was loaded.
 *
 * <p>One verifier per boot: it remembers the manifests it loaded, and refusals, per file system.
 */
public final class Verifier {
    /** Where libsecureboot looks for a file's manifest, relative to the file's directory (VE_MANIFEST_LIST). */
    static final List<String> MANIFEST_NAMES = List.of("manifest", "../manifest");
    /**
     * X.509 signature files in libsecureboot's order (vse.h sorts VE_SIGNATURE_EXT_LIST), after
     * OpenPGP's "asc", which sorts first.
     */
    static final List<String> X509_SIGNATURES = List.of("esig", "rsig", "sig");
    static final long MAX_SIGNATURE_BYTES = 1 << 20;

    private final VerifyPolicy policy;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<BootFiles, Map<String, Object>> manifests = new IdentityHashMap<>();

    public Verifier(VerifyPolicy policy, Clock clock, Consumer<String> log) {
        this.policy = policy;
        this.clock = clock;
        this.log = log;
    }

    public boolean active() {
        return policy.active();
    }

    /**
     * Accepts {@code content}, the bytes of {@code path} on {@code files} that are about to be used,
     * or refuses them.
     *
     * @param files where {@code path} and its manifests are (not the verifying view)
     * @param path absolute, as {@code files} names it
     */
    public void check(BootFiles files, String path, FileContent content, Severity severity) throws VerifyException {
        if (!policy.active()) {
            return;
        }
        if (policy.anchors().isEmpty()) {
            throw new VerifyException("%s refused: verification is required (%s) but no trust anchors are installed"
                    .formatted(path, String.join("; ", policy.reasons())),
                    "install the signers' CA certificates (PEM) in " + TrustAnchors.DIRECTORY + " of the initramfs");
        }
        List<String> looked = findManifest(files, path);
        Map<String, Object> known = manifests.getOrDefault(files, Map.of());
        List<Manifest> loaded = known.values().stream().filter(Manifest.class::isInstance)
                .map(Manifest.class::cast).toList();
        if (loaded.isEmpty()) {
            throw refused(path, "no signed manifest covers it (looked for " + String.join(" and ", looked) + ")",
                    "sign /boot: put a manifest of sha256 fingerprints there with its signature (docs/verified-boot.md)");
        }
        Optional<Found> entry = lookup(known, path);
        if (entry.isEmpty()) {
            if (severity.compareTo(policy.level().mustHaveEntry()) >= 0) {
                throw refused(path, "no entry for it in the signed manifests (" + String.join(", ",
                        loaded.stream().map(Manifest::path).toList()) + ")",
                        "add the file to the manifest and sign the manifest again");
            }
            log.accept("verify: " + path + " is not in a manifest; accepted unverified (" + severity
                    + " at level " + policy.level().word() + ", as FreeBSD's loader does)");
            return;
        }
        Manifest m = entry.get().manifest();
        Optional<Fingerprint> fingerprint = Fingerprint.parse(entry.get().field());
        if (fingerprint.isEmpty()) {
            if (severity == Severity.MUST) {
                throw refused(path, "its entry in %s has fingerprint '%s', which jkboot does not check (sha256, "
                        .formatted(m.path(), entry.get().field()) + "sha384 and sha512 only)",
                        "list a sha256= fingerprint and sign the manifest again");
            }
            log.accept("verify: " + path + " has no fingerprint jkboot checks in " + m.path() + "; accepted");
            return;
        }
        String actual = fingerprint.get().digestOf(content);
        if (!fingerprint.get().matches(actual)) {
            throw refused(path, "its %s is %s, but %s lists %s (the file was changed after the manifest was signed)"
                    .formatted(fingerprint.get().algorithm(), actual, m.path(), entry.get().field()),
                    "restore the signed file, or sign a new manifest that lists it");
        }
        log.accept("verify: " + path + " verified (" + m.path() + ", signed by " + m.signer() + ")");
    }

    private record Found(Manifest manifest, String field) {}

    /** FreeBSD's fingerprint_info_lookup: the manifest of the nearest directory above the file first. */
    private static Optional<Found> lookup(Map<String, Object> known, String path) {
        Map<String, Manifest> byDirectory = new HashMap<>();
        known.values().stream().filter(Manifest.class::isInstance).map(Manifest.class::cast)
                .forEach(m -> byDirectory.putIfAbsent(m.directory(), m));
        String dir = path;
        do {
            dir = Paths.parent(dir);
            Manifest m = byDirectory.get(dir);
            Optional<String> field = m == null ? Optional.empty() : m.fingerprintOf(path);
            if (field.isPresent()) {
                return Optional.of(new Found(m, field.get()));
            }
        } while (!dir.equals("/"));
        return Optional.empty();
    }

    /**
     * find_manifest: the first candidate that exists is loaded (or its refusal remembered), the
     * others are not looked at. Returns the candidates, for messages.
     */
    private List<String> findManifest(BootFiles files, String path) throws VerifyException {
        String dir = Paths.parent(path);
        List<String> candidates = new ArrayList<>();
        for (String name : MANIFEST_NAMES) {
            if (name.startsWith("..")) {
                if (dir.equals("/")) {
                    continue;
                }
                candidates.add(Paths.child(Paths.parent(dir), name.substring(3)));
            } else {
                candidates.add(Paths.child(dir, name));
            }
        }
        Map<String, Object> known = manifests.computeIfAbsent(files, f -> new HashMap<>());
        for (String candidate : candidates) {
            if (!known.containsKey(candidate)) {
                if (kind(files, candidate) != BootFiles.Kind.FILE) {
                    continue;
                }
                known.put(candidate, loadOrRefusal(files, candidate));
            }
            if (known.get(candidate) instanceof VerifyException refusal) {
                throw new VerifyException(path + " refused: " + refusal.getMessage(), refusal.fix(), refusal);
            }
            break;
        }
        return candidates;
    }

    private Object loadOrRefusal(BootFiles files, String manifestPath) {
        try {
            Manifest m = load(files, manifestPath);
            log.accept("verify: manifest " + manifestPath + " signed by " + m.signer());
            return m;
        } catch (VerifyException e) {
            return e;
        }
    }

    private Manifest load(BootFiles files, String manifestPath) throws VerifyException {
        byte[] manifest = readBounded(files, manifestPath, Manifest.MAX_BYTES).orElseThrow();
        Optional<byte[]> asc = readBounded(files, manifestPath + ".asc", MAX_SIGNATURE_BYTES);
        if (asc.isPresent()) {
            String signer = OpenPgpManifestSignature.verify(manifestPath, manifest, manifestPath + ".asc", asc.get(),
                    policy.anchors().openPgpKeys().stream().map(TrustAnchors.OpenPgpAnchor::key).toList());
            return Manifest.of(manifestPath, manifest, signer);
        }
        for (String extension : X509_SIGNATURES) {
            String sigPath = manifestPath + "." + extension;
            Optional<byte[]> sig = readBounded(files, sigPath, MAX_SIGNATURE_BYTES);
            if (sig.isPresent()) {
                String certsPath = X509ManifestSignature.certsName(sigPath);
                byte[] certs = readBounded(files, certsPath, MAX_SIGNATURE_BYTES).orElseThrow(() ->
                        X509ManifestSignature.refused(manifestPath, sigPath + " has no certificate chain " + certsPath
                                + " beside it"));
                String signer = X509ManifestSignature.verify(manifestPath, manifest, sigPath, sig.get(), certsPath,
                        certs, policy.anchors(), clock.instant());
                return Manifest.of(manifestPath, manifest, signer);
            }
        }
        throw X509ManifestSignature.refused(manifestPath, "it is not signed (no " + manifestPath + ".asc, .esig, "
                + ".rsig or .sig beside it)");
    }

    private static Optional<byte[]> readBounded(BootFiles files, String path, long limit) throws VerifyException {
        try {
            Optional<FileContent> content = files.open(path);
            if (content.isEmpty()) {
                return Optional.empty();
            }
            if (content.get().size() > limit) {
                throw new VerifyException("%s is %d bytes, more than a manifest or signature file may be (%d)"
                        .formatted(path, content.get().size(), limit), "check what that file is");
            }
            return Optional.of(content.get().toArray());
        } catch (IOException e) {
            throw new VerifyException("cannot read " + path + " from " + files + ": " + e.getMessage(),
                    "check the disk or the directory given with --root", e);
        }
    }

    private static BootFiles.Kind kind(BootFiles files, String path) throws VerifyException {
        try {
            return files.kind(path);
        } catch (IOException e) {
            throw new VerifyException("cannot look for " + path + " on " + files + ": " + e.getMessage(),
                    "check the disk or the directory given with --root", e);
        }
    }

    private static VerifyException refused(String path, String why, String fix) {
        return new VerifyException(path + " refused: " + why, fix);
    }
}
