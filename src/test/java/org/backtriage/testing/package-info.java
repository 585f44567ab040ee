/** What tests of several packages share and no production code uses: a clock a test moves by hand. */
package org.backtriage.testing;
