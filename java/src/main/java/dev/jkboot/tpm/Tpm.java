package dev.jkboot.tpm;

import java.util.ArrayList;
import java.util.List;

/** The few TPM 2.0 operations measured boot needs, over any transport. */
public final class Tpm {
    private final TpmTransport transport;

    public Tpm(TpmTransport transport) {
        this.transport = transport;
    }

    public String name() {
        return transport.name();
    }

    /** The active PCR banks, as TPM_ALG_IDs in the TPM's order (unknown algorithms included). */
    public List<Integer> activeBanks() throws TpmException {
        return TpmResponses.activeBanks(transport.transact(TpmCommands.getCapabilityPcrs()));
    }

    /** The active banks as algorithms; a bank whose algorithm jkboot cannot compute is refused. */
    public List<TpmAlgorithm> extendableBanks() throws TpmException {
        List<TpmAlgorithm> banks = new ArrayList<>();
        for (int id : activeBanks()) {
            TpmAlgorithm a = TpmAlgorithm.of(id).filter(TpmAlgorithm::supported).orElseThrow(() -> new TpmException(
                    "the TPM at %s has an active PCR bank with algorithm 0x%04x, which jkboot cannot compute"
                            .formatted(name(), id),
                    "deactivate that bank (tpm2_pcrallocate) or boot with --tpm-policy warn"));
            banks.add(a);
        }
        if (banks.isEmpty()) {
            throw new TpmException("the TPM at " + name() + " has no active PCR bank",
                    "allocate a sha256 bank (tpm2_pcrallocate sha256:all) and reboot");
        }
        return banks;
    }

    public void extend(int pcr, List<Digest> digests) throws TpmException {
        TpmResponses.extended(transport.transact(TpmCommands.pcrExtend(pcr, digests)));
    }

    public byte[] read(int pcr, TpmAlgorithm bank) throws TpmException {
        return TpmResponses.pcrValue(transport.transact(TpmCommands.pcrRead(pcr, bank)), pcr, bank);
    }
}
