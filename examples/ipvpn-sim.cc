/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-sim: runs a scenario file and writes its results.
 *
 * Exit codes: 0 success, 1 an expectation of the scenario failed or results
 * could not be written, 2 the scenario file or the command line is wrong.
 */
#include "ns3/ipvpn-results-writer.h"
#include "ns3/scenario-feature.h"
#include "ns3/scenario-loader.h"
#include "ns3/scenario-runner.h"
#include "ns3/scenario-values.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const char* kUsage = R"(usage: ipvpn-sim [options] SCENARIO.yaml

Runs the scenario and writes results.json, flows.csv, timeseries.csv, the
message trace and any pcaps into the output folder.

options:
  --out DIR          output folder (default: outputs.folder of the scenario,
                     else out/<scenario name>)
  --pcap             capture every device (<node>-<link>.pcap)
  --stop TIME        simulation stop time, such as 20s or 1500ms
  --seed N           random seed (1 or more)
  --run N            run number (independent replications of one seed)
  --validate-only    check the scenario file and exit
  --resolved         check the scenario file, print it resolved (every
                     default and derived value explicit) as JSON, and exit
  --quiet            no progress and no summary
  --help             this text

exit codes: 0 success, 1 an expectation failed or results could not be
written, 2 the scenario file or the command line is wrong
)";

int
UsageError(const std::string& message)
{
    std::cerr << "ipvpn-sim: " << message << "\n(try --help)\n";
    return 2;
}

} // namespace

int
main(int argc, char* argv[])
{
    scenario::LoadOverrides overrides;
    std::string file;
    bool validateOnly = false;
    bool printResolved = false;
    bool quiet = false;

    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i)
    {
        std::string arg = args[i];
        std::string value;
        bool hasInlineValue = false;
        if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos)
        {
            value = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
            hasInlineValue = true;
        }
        auto takeValue = [&](std::string& out) {
            if (hasInlineValue)
            {
                out = value;
                return true;
            }
            if (i + 1 >= args.size())
            {
                return false;
            }
            out = args[++i];
            return true;
        };
        auto flagOnly = [&]() { return !hasInlineValue; };

        if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            return 0;
        }
        else if (arg == "--out")
        {
            std::string v;
            if (!takeValue(v) || v.empty())
            {
                return UsageError("--out needs a folder");
            }
            overrides.outFolder = v;
        }
        else if (arg == "--pcap" && flagOnly())
        {
            overrides.pcapAll = true;
        }
        else if (arg == "--stop")
        {
            std::string v;
            if (!takeValue(v))
            {
                return UsageError("--stop needs a time such as 20s");
            }
            auto t = scenario::ParseDuration(v);
            if (!t || *t.value <= 0)
            {
                return UsageError("--stop: " + (t ? std::string("the stop time must be positive") : t.error));
            }
            overrides.stopNs = *t.value;
        }
        else if (arg == "--seed" || arg == "--run")
        {
            std::string v;
            if (!takeValue(v) || v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 9)
            {
                return UsageError(arg + " needs a whole number");
            }
            uint64_t n = std::stoull(v);
            if (arg == "--seed")
            {
                if (n == 0)
                {
                    return UsageError("--seed must be 1 or more");
                }
                overrides.seed = static_cast<uint32_t>(n);
            }
            else
            {
                overrides.run = n;
            }
        }
        else if (arg == "--validate-only" && flagOnly())
        {
            validateOnly = true;
        }
        else if (arg == "--resolved" && flagOnly())
        {
            printResolved = true;
        }
        else if (arg == "--quiet" && flagOnly())
        {
            quiet = true;
        }
        else if (arg.rfind("-", 0) == 0)
        {
            return UsageError(fmt::format("unknown option '{}'", args[i]));
        }
        else if (!file.empty())
        {
            return UsageError(fmt::format("one scenario at a time ('{}' and '{}')", file, arg));
        }
        else
        {
            file = arg;
        }
    }
    if (file.empty())
    {
        return UsageError("no scenario file given");
    }

    auto loaded = scenario::LoadScenarioFile(file, overrides);
    if (!loaded.Ok())
    {
        for (const auto& d : loaded.errors)
        {
            std::cerr << d.ToString() << '\n';
        }
        std::cerr << fmt::format("{}: {} error{}; nothing was run\n",
                                 file,
                                 loaded.errors.size(),
                                 loaded.errors.size() == 1 ? "" : "s");
        return 2;
    }
    const scenario::Scenario& s = loaded.scenario;
    if (printResolved)
    {
        // File names from the command line need not be UTF-8 (see
        // WriteResults).
        std::cout << scenario::EchoScenario(s).dump(2,
                                                    ' ',
                                                    false,
                                                    nlohmann::json::error_handler_t::replace)
                  << '\n';
        return 0;
    }
    if (validateOnly)
    {
        if (!quiet)
        {
            std::cout << s << "\nvalid\n";
        }
        return 0;
    }

    // The output folder must be writable before hours of simulation start.
    std::error_code error;
    std::filesystem::create_directories(s.outputs.folder, error);
    if (error || access(s.outputs.folder.c_str(), W_OK) != 0)
    {
        std::cerr << fmt::format("ipvpn-sim: cannot write to the output folder '{}': {}\n",
                                 s.outputs.folder,
                                 error ? error.message() : std::strerror(errno));
        return 1;
    }

    scenario::RunOptions options;
    options.showProgress = !quiet;
    scenario::RunResults results = scenario::RunScenario(s, options);

    std::string writeError;
    if (!metrics::WriteResults(s, results, writeError))
    {
        std::cerr << "ipvpn-sim: " << writeError << '\n';
        return 1;
    }
    if (!quiet)
    {
        metrics::PrintSummary(std::cout, s, results);
    }
    if (!results.ExpectationsMet())
    {
        for (const auto& e : results.expectations)
        {
            if (!e.ok)
            {
                std::cerr << fmt::format("{}: expectation failed: flow {} {}: {}\n", file, e.flow, e.check, e.detail);
            }
        }
        return 1;
    }
    return 0;
}
