/** What tests of several packages share and no production code uses: a clock a test moves by hand, what was logged, as an operator reads it, and the slow-body attack on an HTTP endpoint. */
package org.backtriage.testing;
