/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Runs the module's ns-3 TestSuites for ctest, standalone and in-tree (ns-3's
 * test.py uses its own test-runner). Exit codes: those of ns-3's runner (0
 * passed, 1 failed), except 77 for a run that passed but skipped checks for
 * want of tshark or pcap-check, so that ctest (SKIP_RETURN_CODE 77) reports
 * it as skipped rather than passed.
 */
#include "ipvpn-pcap-check.h"

#include "ns3/test.h"

#include <iostream>

int
main(int argc, char* argv[])
{
    // Only this run's skips count, not a parent's.
    ::unsetenv(ipvpntest::kSkippedChecksVariable);
    const int rc = ns3::TestRunner::Run(argc, argv);
    const std::string skipped = ipvpntest::SkippedChecks();
    if (rc != 0 || skipped.empty())
    {
        return rc;
    }
    std::cerr << "ipvpn-test-runner: passed, but these checks did not run; reported as skipped "
                 "(exit 77):\n"
              << skipped;
    return 77;
}
