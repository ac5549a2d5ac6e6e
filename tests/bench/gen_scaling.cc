// Writes one generated scaling input of size n to stdout, to time the CLI by hand (docs/scaling.md):
//   planner_gen_scaling chain 10000 > chain.toml && time build-release/planner lint chain.toml
// Kinds: chain, flat (protocols), usdm-chain, usdm-shared (USDM JSON), wide-csv (a roster).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scaling_inputs.h"

int main(int argc, char** argv) {
  using namespace planner::bench;
  const long n = argc == 3 ? std::strtol(argv[2], nullptr, 10) : 0;
  const std::string_view kind = argc == 3 ? argv[1] : "";
  std::string out;
  if (kind == "chain")
    out = chain_protocol(n);
  else if (kind == "flat")
    out = flat_protocol(n);
  else if (kind == "usdm-chain")
    out = usdm_chain(n);
  else if (kind == "usdm-shared")
    out = usdm_shared(n);
  else if (kind == "wide-csv")
    out = wide_csv(n);
  if (n < 1 || out.empty()) {
    std::fputs("usage: planner_gen_scaling chain|flat|usdm-chain|usdm-shared|wide-csv N\n", stderr);
    return 2;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
