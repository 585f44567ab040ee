/**
 * What the bot reads at start-up, checked before anything runs: {@code Settings} from the
 * environment over an optional {@code config/backtriage.properties} (the addresses in it parsed by
 * {@code Addresses}); {@code Content}, the
 * conversation tree ({@code TreeFile}) and its message bundles in every language
 * ({@code MessagesFile}), from files beside the tree or the copies packaged in the jar, validated
 * together; {@code ConfigException}, the one-line error naming the setting, file or node at fault.
 * Imports triage (what it builds), logging (the token shape Settings accepts), Jackson, SLF4J and
 * the JDK.
 */
package org.backtriage.config;
