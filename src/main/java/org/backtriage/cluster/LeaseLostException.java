package org.backtriage.cluster;

/** A write refused because the lease it was made under has been taken over by another holder. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(Lease lease) {
        super("the " + lease.name() + " lease of epoch " + lease.epoch() + " was taken over by another instance;"
                + " its holder " + lease.holder() + " must stop acting on it");
    }
}
