/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Runs the module's ns-3 TestSuites in a standalone build (in-tree builds
 * use ns-3's own test.py / test-runner).
 */
#include "ns3/test.h"

int
main(int argc, char* argv[])
{
    return ns3::TestRunner::Run(argc, argv);
}
