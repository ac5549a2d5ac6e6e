// The enrolment forecast's input read from the command line, shared by `planner forecast` and `planner report
// --forecast-target`, so that both run the same forecast from the same options:
//
//   planner forecast P --sites S --roster R --cutoff 2026-03-31 --target 24 --runs 200 --seed 7
//   planner report P --sites S --roster R --cutoff 2026-03-31 --forecast-target 24 --runs 200 --seed 7
//
// Options a command does not declare take their `planner forecast` defaults (--quantiles 5,50,95, --by week,
// equal --ratio, no --screen-fail, no --dropout). The model and the estimator: docs/commands/forecast.md.
#pragma once

#include <vector>

#include "planner/cli/command.h"
#include "planner/core/forecast.h"
#include "planner/core/protocol.h"
#include "planner/core/site.h"

namespace planner::cli {

// --runs, --seed, --threads and --quantiles, checked before any file is read.
struct ForecastSettings {
  ForecastOptions options;
  std::vector<double> quantiles;  // fractions, increasing
};
ForecastSettings forecast_settings(const Args& args);

// The subjects to reach (the option named `target`), the rates and the enrolled subjects: from the sites file's
// activation and rate, or with --roster and --cutoff estimated from the roster's enrolment up to the cut-off.
ForecastInput forecast_input(const Args& args, const char* target, const Protocol& protocol,
                             const std::vector<Site>& sites);

}  // namespace planner::cli
