/** What tests of several packages share and no production code uses: a clock a test moves by hand, and what was logged, as an operator reads it. */
package org.backtriage.testing;
