package org.backtriage.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease held: who holds {@code name} ("sender", "poller") until {@code expiresAt}, and its
 * {@code epoch}, which grows each time another holder takes the lease over, so a write made under
 * an older epoch can be told apart and refused (see {@link Leases#fenced}).
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
