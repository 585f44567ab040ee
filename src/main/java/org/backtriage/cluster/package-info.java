/**
 * Running several instances of the bot on one store. The lease port ({@link
 * org.backtriage.cluster.Leases}: a named {@link org.backtriage.cluster.Lease} with a TTL and an
 * epoch, and the outbox fenced by it), which each store implements (PostgreSQL's shared by every
 * instance, SQLite's always this process's); {@link org.backtriage.cluster.LeaseKeeper}, which
 * takes, renews and loses one lease for this instance on {@link org.backtriage.cluster.LeaseTiming}
 * and tells its holder; {@link org.backtriage.cluster.LeaseLostException}, a fenced write refused.
 * The Telegram adapter sends ({@code telegram.sending.LeasedSending}) and polls under these
 * leases. It may import {@code org.backtriage.chat} (the outbox a lease fences), {@code logging},
 * SLF4J and the JDK; never an adapter.
 */
package org.backtriage.cluster;
