// SPDX-License-Identifier: GPL-2.0-only
//
// The fuzz targets without libFuzzer (any compiler, no sanitizer needed):
// runs LLVMFuzzerTestOneInput once on each file named, or on each file in
// each folder named, in name order. The normal test set replays the seeds
// and the kept crashing inputs this way (doc/memory-safety.md).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

int
main(int argc, char* argv[])
{
    std::vector<fs::path> inputs;
    for (int k = 1; k < argc; ++k)
    {
        const fs::path arg = argv[k];
        if (fs::is_directory(arg))
        {
            for (const auto& entry : fs::recursive_directory_iterator(arg))
            {
                if (entry.is_regular_file())
                {
                    inputs.push_back(entry.path());
                }
            }
        }
        else if (fs::is_regular_file(arg))
        {
            inputs.push_back(arg);
        }
        else
        {
            std::fprintf(stderr, "no such file or folder: %s\n", argv[k]);
            return 2;
        }
    }
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty())
    {
        // A replay of nothing would pass without testing anything.
        std::fprintf(stderr, "no inputs to replay\n");
        return 2;
    }
    for (const fs::path& path : inputs)
    {
        std::ifstream in(path, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                      std::istreambuf_iterator<char>());
        std::fprintf(stderr, "replaying %s (%zu bytes)\n", path.c_str(), bytes.size());
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    }
    std::fprintf(stderr, "replayed %zu inputs\n", inputs.size());
    return 0;
}
