package org.backtriage;

/** The process's exit codes, as the usage text lists them. */
final class ExitCode {
    /** {@code validate} found faults in the tree, or Telegram refused a webhook command. */
    static final int FAULTS_FOUND = 1;
    /** A usage or configuration problem (also a broken tree or database). */
    static final int CONFIG_ERROR = 2;

    private ExitCode() {
    }
}
