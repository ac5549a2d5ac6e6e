#include "planner/io/write/forecast.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "planner/io/iso8601.h"
#include "planner/io/write/html.h"
#include "planner/io/write/report.h"
#include "planner/io/write/text_table.h"
#include "planner/io/write/workload.h"

namespace planner {
namespace {

std::string number(double x, int digits = 10) {
  char buffer[40];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, digits).ptr;
  return {buffer, end};
}

std::string fixed(double x) {
  char buffer[40];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed, 3).ptr;
  return {buffer, end};
}

void append_row(std::string& out, const std::vector<std::string>& fields, CsvOptions csv) {
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i == 0 ? "" : ",") + csv_field(fields[i], csv);
  out += '\n';
}

std::string percent(double q) { return number(q * 100, 6); }

// The value of a measure's histogram as its amount (a product's count of quanta times the quantum).
double amount(const Forecast& f, std::size_t measure, long value) {
  return static_cast<double>(value) * f.measures()[measure].quantum;
}

std::string measure_name(const Forecast::Measure& m) { return m.name; }

// The periods of a site that have any visit in any run.
std::vector<std::size_t> busy_periods(const Forecast& f, std::size_t site) {
  std::vector<std::size_t> out;
  for (std::size_t p = 0; p < f.periods(); ++p)
    if (f.cell(site, p, 0).counted() > 0) out.push_back(p);
  return out;
}

// Product -> the longest lead time of a draw that prepares one of its doses (days).
std::map<std::string, long> lead_times(const Protocol& protocol) {
  std::map<std::string, long> out;
  for (const Activity& a : protocol.activities) {
    if (!a.prepares || !a.lead_time) continue;
    const auto days = a.lead_time->exact_days();
    if (!days) continue;
    long& lead = out[protocol.activities[*a.prepares].product];
    lead = std::max(lead, static_cast<long>(days->count()));
  }
  return out;
}

std::string date_quantile(const Forecast& f, const Histogram& h, double q) {
  return format_date(f.origin() + Days{h.quantile(q, f.runs())});
}

std::string capacity_text(const Site& s) {
  return s.capacity ? " (capacity " + std::to_string(*s.capacity) + " visits a day)" : "";
}

}  // namespace

std::string forecast_csv(const ForecastView& v, CsvOptions csv) {
  const Forecast& f = v.forecast;
  const std::map<std::string, long> leads = lead_times(v.protocol);
  std::string out{csv_start(csv)};
  std::vector<std::string> header{"site", "period", "measure", "unit", "mean"};
  for (double q : v.quantiles) header.push_back("q" + percent(q));
  header.emplace_back("ready_by");
  append_row(out, header, csv);
  const auto runs = static_cast<double>(f.runs());
  for (std::size_t s = 0; s < f.sites(); ++s)
    for (std::size_t p : busy_periods(f, s)) {
      const std::string site = v.sites[s].id;
      const std::string period = period_text(f.period_date(p), f.period());
      for (std::size_t m = 0; m < f.measures().size(); ++m) {
        const Forecast::Measure& measure = f.measures()[m];
        const Histogram& h = f.cell(s, p, m);
        std::vector<std::string> row{site, period, measure_name(measure), measure.unit,
                                     number(h.mean(f.runs()) * measure.quantum, 6)};
        for (double q : v.quantiles) row.push_back(number(amount(f, m, h.quantile(q, f.runs()))));
        const auto lead = leads.find(measure.name);
        row.push_back(m >= 3 && lead != leads.end() ? format_date(f.period_date(p) - Days{lead->second}) : "");
        append_row(out, row, csv);
      }
      std::vector<std::string> over{site, period, "day over capacity", "probability",
                                    fixed(static_cast<double>(f.runs_over_capacity(s, p)) / runs)};
      over.resize(header.size());
      append_row(out, over, csv);
    }
  for (const auto& [name, h] : {std::pair{"target reached", &f.target_day()}, {"last visit", &f.last_visit_day()}}) {
    std::vector<std::string> row{"all", "", name, "date", ""};
    for (double q : v.quantiles) row.push_back(date_quantile(f, *h, q));
    row.emplace_back();
    append_row(out, row, csv);
  }
  return out;
}

std::string forecast_json(const ForecastView& v) {
  using json = nlohmann::ordered_json;
  const Forecast& f = v.forecast;
  const auto quantiles = [&](const Histogram& h, std::size_t m) {
    json q = json::object();
    q["mean"] = h.mean(f.runs()) * f.measures()[m].quantum;
    for (double x : v.quantiles) q["q" + percent(x)] = amount(f, m, h.quantile(x, f.runs()));
    return q;
  };
  const auto dates = [&](const Histogram& h) {
    json q = json::object();
    for (double x : v.quantiles) q["q" + percent(x)] = date_quantile(f, h, x);
    return q;
  };
  json root{{"runs", f.runs()},
            {"seed", v.seed},
            {"target", v.target},
            {"period", f.period() == Period::week ? "week" : "day"},
            {"target_reached", dates(f.target_day())},
            {"last_visit", dates(f.last_visit_day())}};
  json sites = json::array();
  for (std::size_t s = 0; s < f.sites(); ++s) {
    json periods = json::array();
    for (std::size_t p : busy_periods(f, s)) {
      json row{{"period", period_text(f.period_date(p), f.period())},
               {"p_day_over_capacity",
                static_cast<double>(f.runs_over_capacity(s, p)) / static_cast<double>(f.runs())}};
      for (std::size_t m = 0; m < 3; ++m) row[f.measures()[m].name] = quantiles(f.cell(s, p, m), m);
      json products = json::array();
      for (std::size_t m = 3; m < f.measures().size(); ++m) {
        json q = quantiles(f.cell(s, p, m), m);
        q["product"] = f.measures()[m].name;
        q["unit"] = f.measures()[m].unit;
        products.push_back(std::move(q));
      }
      row["products"] = std::move(products);
      periods.push_back(std::move(row));
    }
    sites.push_back({{"site", v.sites[s].id}, {"periods", std::move(periods)}});
  }
  root["sites"] = std::move(sites);
  return root.dump(2) + "\n";
}

namespace {

// "2/5/9": a cell's quantiles.
std::string quantile_text(const Forecast& f, const Histogram& h, const std::vector<double>& qs) {
  std::string out;
  for (double q : qs) out += (out.empty() ? "" : "/") + std::to_string(h.quantile(q, f.runs()));
  return out;
}

// A text fan chart of width `width` for values scaled to `widest`: '#' up to the lowest quantile, '=' up to
// the median, '|' at the median, '-' up to the highest quantile.
std::string fan(long low, long median, long high, long widest, std::size_t width) {
  const auto at = [&](long x) {
    return static_cast<std::size_t>((x * static_cast<long>(width) + widest - 1) / widest);
  };
  std::string out(at(high), '-');
  std::fill(out.begin(), out.begin() + static_cast<long>(std::min(at(median), out.size())), '=');
  std::fill(out.begin(), out.begin() + static_cast<long>(std::min(at(low), out.size())), '#');
  if (median > 0 && at(median) > 0) out[at(median) - 1] = '|';
  return out;
}

std::string products_text(const Forecast& f, std::size_t s, std::size_t p) {
  std::string out;
  for (std::size_t m = 3; m < f.measures().size(); ++m) {
    const long median = f.cell(s, p, m).quantile(0.5, f.runs());
    if (median == 0) continue;
    out += (out.empty() ? "" : "; ") + f.measures()[m].name + " " + number(amount(f, m, median)) + " " +
           f.measures()[m].unit;
  }
  return out;
}

std::string site_table(const ForecastView& v, std::size_t s, long widest) {
  const Forecast& f = v.forecast;
  std::string qs;
  for (double q : v.quantiles) qs += (qs.empty() ? "" : "/") + percent(q);
  TextTable table{{f.period() == Period::day ? "DAY" : "WEEK", "VISITS " + qs + "%", "DOSES " + qs + "%",
                   "ASSESSMENTS " + qs + "%", "P(DAY OVER)", "PRODUCT (MEDIAN)", "FAN: VISITS " + qs + "%"},
                  {},
                  {false, false, false, false, true}};
  for (std::size_t p : busy_periods(f, s)) {
    const Histogram& visits = f.cell(s, p, 0);
    table.rows.push_back(
        {period_text(f.period_date(p), f.period()), quantile_text(f, visits, v.quantiles),
         quantile_text(f, f.cell(s, p, 1), v.quantiles), quantile_text(f, f.cell(s, p, 2), v.quantiles),
         fixed(static_cast<double>(f.runs_over_capacity(s, p)) / static_cast<double>(f.runs())), products_text(f, s, p),
         fan(visits.quantile(v.quantiles.front(), f.runs()), visits.quantile(0.5, f.runs()),
             visits.quantile(v.quantiles.back(), f.runs()), widest, 30)});
  }
  return "site " + v.sites[s].id + capacity_text(v.sites[s]) + "\n" + render(table, TableFormat::table);
}

std::string dates_line(const ForecastView& v, const char* what, const Histogram& h) {
  std::string out = what;
  for (double q : v.quantiles) out += "  " + percent(q) + "% " + date_quantile(v.forecast, h, q);
  return out + "\n";
}

}  // namespace

std::string forecast_table(const ForecastView& v) {
  const Forecast& f = v.forecast;
  std::string out = std::to_string(f.runs()) + " runs (seed " + std::to_string(v.seed) + "), target " +
                    std::to_string(v.target) + " subjects\n";
  out += dates_line(v, "target reached (Day 1 of the last subject):", f.target_day());
  out += dates_line(v, "last visit of the last subject:            ", f.last_visit_day());
  for (const auto& [product, lead] : lead_times(v.protocol))
    out += product + ": ready " + std::to_string(lead) + " days before the week it is needed (lead time)\n";
  long widest = 1;
  for (std::size_t s = 0; s < f.sites(); ++s)
    for (std::size_t p : busy_periods(f, s))
      widest = std::max(widest, f.cell(s, p, 0).quantile(v.quantiles.back(), f.runs()));
  for (std::size_t s = 0; s < f.sites(); ++s)
    if (!busy_periods(f, s).empty()) out += "\n" + site_table(v, s, widest);
  return out;
}

namespace {

// A fan chart of a site's visits per period as inline SVG: the band between the lowest and highest quantile,
// the median as a line; one period every `kStep` pixels.
std::string fan_svg(const ForecastView& v, std::size_t s, long widest) {
  constexpr long kStep = 8;
  constexpr long kHeight = 120;
  const Forecast& f = v.forecast;
  const std::vector<std::size_t> periods = busy_periods(f, s);
  const auto x = [&](std::size_t i) { return std::to_string(static_cast<long>(i) * kStep + kStep / 2); };
  const auto y = [&](long value) { return std::to_string(kHeight - value * kHeight / widest); };
  std::string band;
  std::string median;
  std::vector<std::string> low;  // drawn back from right to left to close the band
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const Histogram& h = f.cell(s, periods[i], 0);
    band += x(i) + "," + y(h.quantile(v.quantiles.back(), f.runs())) + " ";
    low.push_back(x(i) + "," + y(h.quantile(v.quantiles.front(), f.runs())) + " ");
    median += x(i) + "," + y(h.quantile(0.5, f.runs())) + " ";
  }
  for (std::size_t i = low.size(); i-- > 0;) band += low[i];
  const std::string width = std::to_string(static_cast<long>(periods.size()) * kStep);
  return "<svg class=\"fan\" role=\"img\" width=\"" + width + "\" height=\"" + std::to_string(kHeight) +
         "\" viewBox=\"0 0 " + width + " " + std::to_string(kHeight) + "\"><title>visits per " +
         (f.period() == Period::week ? "week" : "day") + " at site " + html_escape(v.sites[s].id) +
         ": quantile band and median</title><polygon points=\"" + band + "\" fill=\"#9ecae1\"/><polyline points=\"" +
         median + "\" fill=\"none\" stroke=\"#08519c\"/></svg>\n";
}

std::string site_html(const ForecastView& v, std::size_t s, long widest) {
  const Forecast& f = v.forecast;
  std::string qs;
  for (double q : v.quantiles) qs += (qs.empty() ? "" : "/") + percent(q);
  std::string out = "<section><h3>Site " + html_escape(v.sites[s].id) + html_escape(capacity_text(v.sites[s])) +
                    "</h3>\n" + fan_svg(v, s, widest) + "<table><tr><th>" +
                    (f.period() == Period::day ? "Day" : "Week") + "</th><th>Visits " + qs + "%</th><th>Doses " + qs +
                    "%</th><th>Assessments " + qs +
                    "%</th><th>P(day over capacity)</th><th>Product (median)</th></tr>\n";
  for (std::size_t p : busy_periods(f, s))
    out += "<tr><td>" + period_text(f.period_date(p), f.period()) + "</td><td>" +
           quantile_text(f, f.cell(s, p, 0), v.quantiles) + "</td><td>" +
           quantile_text(f, f.cell(s, p, 1), v.quantiles) + "</td><td>" +
           quantile_text(f, f.cell(s, p, 2), v.quantiles) + "</td><td>" +
           fixed(static_cast<double>(f.runs_over_capacity(s, p)) / static_cast<double>(f.runs())) + "</td><td>" +
           html_escape(products_text(f, s, p)) + "</td></tr>\n";
  return out + "</table></section>\n";
}

}  // namespace

std::string forecast_section(const ForecastView& v) {
  const Forecast& f = v.forecast;
  std::string body = "<section id=\"forecast\">\n<h2>Enrolment forecast</h2>\n<p>" + std::to_string(f.runs()) +
                     " simulated trials (seed " + std::to_string(v.seed) + "), target " + std::to_string(v.target) +
                     " subjects.</p>\n<ul>\n";
  for (const auto& [what, h] : {std::pair{"Target reached (Day 1 of the last subject)", &f.target_day()},
                                {"Last visit of the last subject", &f.last_visit_day()}}) {
    body += "<li>" + std::string{what} + ":";
    for (double q : v.quantiles) body += " " + percent(q) + "% " + date_quantile(f, *h, q);
    body += "</li>\n";
  }
  for (const auto& [product, lead] : lead_times(v.protocol))
    body += "<li>" + html_escape(product) + ": ready " + std::to_string(lead) + " days before it is needed</li>\n";
  body += "</ul>\n";
  long widest = 1;
  for (std::size_t s = 0; s < f.sites(); ++s)
    for (std::size_t p : busy_periods(f, s))
      widest = std::max(widest, f.cell(s, p, 0).quantile(v.quantiles.back(), f.runs()));
  for (std::size_t s = 0; s < f.sites(); ++s)
    if (!busy_periods(f, s).empty()) body += site_html(v, s, widest);
  return body + "</section>\n";
}

std::string forecast_html(const ForecastView& v) {
  return report_page("Forecast: " + v.protocol.study.id,
                     "<h1>Forecast: " + html_escape(v.protocol.study.id) + "</h1>\n" + forecast_section(v));
}

}  // namespace planner
