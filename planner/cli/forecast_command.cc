// planner forecast PROTOCOL --sites TOML --target N [--roster CSV --cutoff DATE] [--runs R] [--seed S]
//                  [--threads N] [--quantiles LIST] [--by day|week] [--ratio A:B] [--screen-fail P] [--dropout H]
//                  [--format table|csv|json|html] [--output FILE]
// The model, its assumptions and the estimator: docs/commands/forecast.md.
#include "planner/cli/command.h"
#include "planner/cli/forecast_input.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/forecast.h"
#include "planner/io/read/sites.h"
#include "planner/io/write/forecast.h"

namespace planner::cli::forecast {

void options(OptionList& o) {
  o.protocol()
      .text("target N", "subjects to randomise in all (the enrolled ones included)")
      .text("cutoff DATE", "with --roster: the enrolment is known up to this day; rates are estimated from it")
      .text("runs R", "1000", "simulated trials (1-10000000)")
      .text("seed S", "1", "random seed: the same seed gives the same output for any --threads")
      .text("quantiles LIST", "5,50,95", "percentiles reported, increasing, each above 0 and at most 100")
      .choice("by", {"day", "week"}, "week", "period: day or week (ISO weeks)")
      .text("ratio A:B", "allocation between the protocol's arms, in their order (default: equal)")
      .text("screen-fail P", "0", "probability that an arriving subject fails screening (0 <= P < 1)")
      .text("dropout H", "0", "dropout hazard per week after Day 1 (>= 0); no visits after dropping out")
      .format({"table", "csv", "json", "html"}, "table", "table, csv, json or html (a page with fan charts)")
      .site_and_cohort()
      .csv_output();
}

int run(const Args& args) {
  const std::string by = args.text("by");
  if (by != "day" && by != "week") throw InputError{msg::expected("--by", {"day", "week"}, by)};
  const std::string format = args.format();
  refuse_closures_with_sites(args);
  if (!args.has("sites")) throw InputError{msg::needs_option("forecast", "sites")};
  if (!args.has("target")) throw InputError{msg::needs_option("forecast", "target")};
  const ForecastSettings settings = forecast_settings(args);
  const Protocol protocol = load_protocol_argument(args.argument());
  const std::vector<Site> sites = load_sites(args.text("sites"));
  const ForecastInput in = forecast_input(args, "target", protocol, sites);
  const Forecast f = planner::forecast(protocol, sites, in, settings.options);
  const ForecastView view{f, protocol, sites, settings.quantiles, in.target, settings.options.seed};
  if (format == "csv")
    args.emit(forecast_csv(view, args.csv()));
  else if (format == "json")
    args.emit(forecast_json(view));
  else if (format == "html")
    args.emit(forecast_html(view));
  else
    args.emit(forecast_table(view));
  return 0;
}

}  // namespace planner::cli::forecast
