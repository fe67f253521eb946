/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-bench-ospf: the module's OSPFv2 against ns-3 global routing on one
 * random degree-3 core of N routers (issue 9, "Performance").
 *
 * The topology comes from the seed alone (std::mt19937, not ns-3's RNG), so
 * both modes build the same graph: a ring through a random permutation of
 * the routers plus a random perfect matching with no edge of the ring, each
 * edge a point-to-point link (1 Gbps, 1 ms) in its own /30 of 10.0.0.0/8
 * with a random metric 1..1000 as the Ipv4 metric of both interfaces.
 *
 * Each mode runs in a forked child, so its peak RSS and its Simulator are
 * its own; the child sends one JSON line of figures through a pipe.
 *
 *  - ospf: IpvpnRoutingProtocol in an Ipv4ListRouting and one OSPF instance
 *    per router (RFC 2328 default timers), interface costs the metrics.
 *    Converged when every router's table holds, for every link subnet, the
 *    connected route (its own subnets) or an OSPF route of the least cost
 *    (Boost.Graph Dijkstra over the same graph). Routers are re-checked only
 *    after their RouteChange trace fired, once per simulation instant. The
 *    tables must then stay correct (and every next hop be a least-cost one)
 *    for one more simulated second.
 *  - global: ns-3's InternetStackHelper and
 *    Ipv4GlobalRoutingHelper::PopulateRoutingTables, timed alone; then ten
 *    random (router, subnet) pairs: the network route exists and the host
 *    routes to the subnet's two addresses are least-cost ones.
 *
 * Exit codes: 0 every mode requested succeeded, 1 a mode failed, 2 the
 * command line is wrong.
 */
#include "ipvpn-bench-ospf.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipv4-global-routing.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipvpn-route-table.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/network-module.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/point-to-point-helper.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

using namespace ns3;
using namespace ospfbench;

namespace
{

const char* kUsage = R"(usage: ipvpn-bench-ospf [options]

Builds a random connected degree-3 core of N routers (point-to-point links,
random metrics 1..1000), runs the module's OSPFv2 to convergence and times
ns-3 global routing's PopulateRoutingTables on the same topology, each in a
forked process of its own. Prints per mode:

  set-up        wall time to build nodes, links, stacks (and OSPF instances)
  routing wall  ospf: wall time of Simulator::Run until every table held
                every least-cost route; global: PopulateRoutingTables
  simulated     ospf: simulated time of that convergence
  events        ospf: simulator events executed until then
  peak memory   the mode's process's peak resident set size

then OSPF's counters summed over the routers at convergence and the ratio
of the routing wall times, ospf/global. OSPF must converge within 60
simulated seconds and its tables stay correct for one more second.

options:
  --routers N              number of routers, even, at least 4 (default 1000)
  --seed S                 topology seed (default 1)
  --mode both|ospf|global  which modes to run (default both)
  --json FILE              also write the figures as JSON
  --no-fork                run the one mode (ospf or global) in this process,
                           for profilers that do not follow a fork
  --help                   this text

exit codes: 0 every mode succeeded, 1 a mode failed, 2 the command line is
wrong
)";

int
UsageError(const std::string& message)
{
    std::cerr << "ipvpn-bench-ospf: " << message << "\n(try --help)\n";
    return 2;
}

// --------------------------------------------------------------------- parent

/// Runs one mode in a forked child; its figures, or an "error" entry.
nlohmann::json
RunChild(const std::string& mode, const Topology& topo, uint32_t seed)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        return {{"error", std::string("pipe: ") + std::strerror(errno)}};
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0)
    {
        close(fds[0]);
        close(fds[1]);
        return {{"error", std::string("fork: ") + std::strerror(errno)}};
    }
    if (pid == 0)
    {
        close(fds[0]);
        nlohmann::json out;
        int code = mode == "ospf" ? RunOspf(topo, out) : RunGlobal(topo, seed, out);
        std::string line = out.dump() + "\n";
        const char* p = line.data();
        std::size_t left = line.size();
        while (left > 0)
        {
            ssize_t n = write(fds[1], p, left);
            if (n <= 0)
            {
                if (n < 0 && errno == EINTR)
                {
                    continue;
                }
                _exit(1);
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        close(fds[1]);
        std::cerr.flush();
        _exit(code);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    for (;;)
    {
        ssize_t n = read(fds[0], buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            break;
        }
        text.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    nlohmann::json result = nlohmann::json::parse(text, nullptr, false);
    if (result.is_discarded() || !result.is_object())
    {
        result = nlohmann::json::object();
    }
    if (WIFSIGNALED(status))
    {
        result["error"] = "killed by signal " + std::to_string(WTERMSIG(status));
    }
    else if (WEXITSTATUS(status) != 0 && !result.contains("error"))
    {
        result["error"] = "exit status " + std::to_string(WEXITSTATUS(status));
    }
    return result;
}

/// 1234567 -> "1,234,567".
std::string
Thousands(uint64_t value)
{
    std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i)
    {
        if (i > 0 && (digits.size() - i) % 3 == 0)
        {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string
Fixed(double value, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
    return buf;
}

void
PrintRow(const std::string& mode, const nlohmann::json& r)
{
    char line[256];
    if (r.contains("error"))
    {
        std::snprintf(line,
                      sizeof(line),
                      "%-8s failed: %s",
                      mode.c_str(),
                      r["error"].get<std::string>().c_str());
        std::cout << line << "\n";
        return;
    }
    std::string setup = Fixed(r["setup_wall_s"].get<double>(), 3) + "s";
    std::string routing = Fixed(r["routing_wall_s"].get<double>(), 3) + "s";
    std::string simulated = "-";
    std::string events = "-";
    if (r.contains("simulated_convergence_s"))
    {
        simulated = Fixed(r["simulated_convergence_s"].get<double>(), 3) + " s";
        events = Thousands(r["events"].get<uint64_t>());
    }
    std::string memory = Fixed(r["peak_rss_kib"].get<uint64_t>() / 1024.0, 0) + " MiB";
    std::snprintf(line,
                  sizeof(line),
                  "%-8s %-8s %-14s %-11s %-11s %s",
                  mode.c_str(),
                  setup.c_str(),
                  routing.c_str(),
                  simulated.c_str(),
                  events.c_str(),
                  memory.c_str());
    std::cout << line << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t routers = 1000;
    uint64_t seed = 1;
    std::string mode = "both";
    std::string jsonFile;
    bool noFork = false;

    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        std::string arg = args[i];
        std::string value;
        bool hasValue = false;
        if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos)
        {
            value = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
            hasValue = true;
        }
        if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            return 0;
        }
        if (arg == "--no-fork" && !hasValue)
        {
            noFork = true;
            continue;
        }
        if (arg != "--routers" && arg != "--seed" && arg != "--mode" && arg != "--json")
        {
            return UsageError("unknown argument '" + args[i] + "'");
        }
        if (!hasValue)
        {
            if (i + 1 >= args.size())
            {
                return UsageError(arg + " needs a value");
            }
            value = args[++i];
        }
        if (arg == "--routers" || arg == "--seed")
        {
            std::size_t used = 0;
            uint64_t number = 0;
            try
            {
                number = std::stoull(value, &used);
            }
            catch (const std::exception&)
            {
                used = 0;
            }
            if (used == 0 || used != value.size() || value[0] == '-' ||
                number > std::numeric_limits<uint32_t>::max())
            {
                return UsageError(arg + ": '" + value + "' is not a whole number");
            }
            (arg == "--routers" ? routers : seed) = number;
        }
        else if (arg == "--mode")
        {
            if (value != "both" && value != "ospf" && value != "global")
            {
                return UsageError("--mode: '" + value + "' is not both, ospf or global");
            }
            mode = value;
        }
        else
        {
            jsonFile = value;
        }
    }
    if (routers < 4 || routers % 2 != 0)
    {
        return UsageError("--routers: " + std::to_string(routers) +
                          " routers: need an even number, at least 4 (a ring plus a perfect "
                          "matching)");
    }
    if (noFork && mode == "both")
    {
        return UsageError("--no-fork runs one mode: give --mode ospf or --mode global");
    }
    // 1.5 N /30 links in 10.0.0.0/8.
    if (routers > 2000000)
    {
        return UsageError("--routers: at most 2000000 (the /30s of 10.0.0.0/8)");
    }

    Topology topo = MakeTopology(static_cast<uint32_t>(routers), static_cast<uint32_t>(seed));
    std::cout << "ipvpn-bench-ospf: " << routers << " routers, " << topo.edges.size()
              << " links, seed " << seed << std::endl;

    std::vector<std::string> modes;
    if (mode == "both" || mode == "ospf")
    {
        modes.emplace_back("ospf");
    }
    if (mode == "both" || mode == "global")
    {
        modes.emplace_back("global");
    }
    nlohmann::json results = nlohmann::json::object();
    for (const std::string& m : modes)
    {
        if (noFork)
        {
            nlohmann::json out;
            if (m == "ospf")
            {
                RunOspf(topo, out);
            }
            else
            {
                RunGlobal(topo, static_cast<uint32_t>(seed), out);
            }
            results[m] = out;
        }
        else
        {
            results[m] = RunChild(m, topo, static_cast<uint32_t>(seed));
        }
    }

    std::cout << "mode     set-up   routing wall   simulated   events      peak memory\n";
    bool ok = true;
    for (const std::string& m : modes)
    {
        PrintRow(m, results[m]);
        ok = ok && !results[m].contains("error");
    }
    nlohmann::json document = {
        {"routers", routers}, {"links", topo.edges.size()}, {"seed", seed}, {"modes", results}};
    if (results.contains("ospf") && !results["ospf"].contains("error"))
    {
        const nlohmann::json& o = results["ospf"];
        std::cout << "ospf counters: packets sent " << Thousands(o["packets_sent"].get<uint64_t>())
                  << ", LSAs originated " << Thousands(o["lsas_originated"].get<uint64_t>())
                  << ", LSAs flooded " << Thousands(o["lsas_flooded"].get<uint64_t>())
                  << ", SPF runs " << Thousands(o["spf_runs"].get<uint64_t>()) << "\n";
    }
    if (mode == "both" && ok)
    {
        double ratio = results["ospf"]["routing_wall_s"].get<double>() /
                       results["global"]["routing_wall_s"].get<double>();
        std::cout << "ratio ospf/global routing wall: " << Fixed(ratio, 2) << "\n";
        document["ratio_ospf_global_routing_wall"] = ratio;
    }
    document["ok"] = ok;

    if (!jsonFile.empty())
    {
        std::ofstream f(jsonFile);
        f << document.dump(2) << "\n";
        if (!f)
        {
            std::cerr << "ipvpn-bench-ospf: cannot write " << jsonFile << "\n";
            return 1;
        }
    }
    return ok ? 0 : 1;
}
