#include "planner/io/pipeline/cohort.h"

#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/events.h"
#include "planner/io/read/protocol.h"
#include "planner/io/read/sites.h"
#include "planner/io/write/calendar.h"
#include "planner/io/write/workload.h"

namespace planner {
namespace {

const Protocol& nahm2023() {
  static const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  return p;
}

// A roster of `n` subjects over the example sites, Day 1 spread over 2026 (holidays included).
std::string make_roster(int n) {
  std::string path = testing::TempDir() + "cohort-" + std::to_string(n) + ".csv";
  std::ofstream out{path};
  out << "subject,arm,site,day1\n";
  const char* sites[] = {"KR01", "KR02", "KR03", "KR01"};
  for (int i = 0; i < n; ++i)
    out << "S" << i << ',' << (i % 2 ? "SALINE" : "SERUM") << ',' << sites[i % 4] << ','
        << date::format("%F", Date{date::year{2026} / 1 / 5} + Days{(i * 7) % 300}) << '\n';
  return path;
}

struct CohortRun {
  std::string csv;
  Workload workload;
};

CohortRun run(const std::string& roster_path, const std::vector<Site>& sites, unsigned threads) {
  RosterReader roster{roster_path, nahm2023(), &sites};
  CohortPlanner planner{nahm2023(), &sites, nullptr, Prefer::earlier, threads};
  const CalendarCsvWriter csv{nahm2023()};
  std::vector<Workload> per_thread(threads, Workload{nahm2023()});
  CohortRun r{calendar_csv_header(), Workload{nahm2023()}};
  planner.run(
      roster,
      [&](unsigned t, const PlannedSubject& s, std::string& out) {
        csv.append(out, s.subject, s.visits);
        per_thread[t].add(s.site, s.subject, s.visits);
      },
      [&](std::span<const std::string> texts) {
        for (const std::string& text : texts) r.csv += text;
      });
  for (const Workload& w : per_thread) r.workload.merge(w);
  return r;
}

TEST(Cohort, OutputIsByteIdenticalForAnyThreadCount) {
  const auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  const std::string roster = make_roster(10000);  // more than two chunks
  const CohortRun one = run(roster, sites, 1);
  EXPECT_GT(std::count(one.csv.begin(), one.csv.end(), '\n'), 100000);
  EXPECT_NE(one.csv.find(",conflict,"), std::string::npos);  // capacity is really exercised
  EXPECT_EQ(run(roster, sites, 2).csv, one.csv);
  EXPECT_EQ(run(roster, sites, 3).csv, one.csv);
}

// A cohort as one JSON document (CalendarJsonWriter, as `calendar --roster --format json` writes it).
std::string cohort_json(const std::string& roster_path, const SiteCalendar& calendar, unsigned threads) {
  RosterReader roster{roster_path, nahm2023(), nullptr};
  CohortPlanner planner{nahm2023(), nullptr, &calendar, Prefer::earlier, threads};
  const CalendarJsonWriter json{nahm2023()};
  std::string out = json.begin();
  bool first = true;
  planner.run(
      roster,
      [&](unsigned, const PlannedSubject& s, std::string& text) {
        text += ",\n";
        json.append(text, s.subject, s.visits);
      },
      [&](std::span<const std::string> texts) {
        for (std::string_view text : texts) {
          if (first && !text.empty()) {
            text.remove_prefix(1);
            first = false;
          }
          out += text;
        }
      });
  return out + CalendarJsonWriter::end();
}

// The cohort document parses (nlohmann) to one object whose subjects, in roster order, are each exactly the
// single-subject calendar_json of that subject planned alone; its bytes are the same on 1 and 2 threads.
TEST(Cohort, JsonDocumentHoldsEachSubjectsCalendarJsonInRosterOrder) {
  SiteCalendar closed;
  closed.close(date::Saturday);
  closed.close(date::Sunday);
  const std::string roster = make_roster(1200);  // more than two chunks
  const std::string one = cohort_json(roster, closed, 1);
  EXPECT_EQ(cohort_json(roster, closed, 2), one);
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 1200 + 2);  // a subject a line
  const auto document = nlohmann::ordered_json::parse(one);
  EXPECT_EQ(document["protocol"], "nahm2023-autologous-serum-ad");
  ASSERT_EQ(document["subjects"].size(), 1200U);
  const char* sites[] = {"KR01", "KR02", "KR03", "KR01"};
  for (int i = 0; i < 1200; ++i) {  // the subjects of make_roster
    const Subject s{"S" + std::to_string(i), i % 2 ? "SALINE" : "SERUM", sites[i % 4],
                    Date{date::year{2026} / 1 / 5} + Days{(i * 7) % 300}, ""};
    const auto visits = plan(nahm2023(), PlanRequest{s.day1, s.arm, &closed, Prefer::earlier});
    ASSERT_EQ(document["subjects"][static_cast<std::size_t>(i)],
              nlohmann::ordered_json::parse(calendar_json(nahm2023(), s, visits)))
        << "subject " << i;
  }
  EXPECT_EQ(nlohmann::json::parse(cohort_json(make_roster(0), closed, 2))["subjects"].size(), 0U);
}

TEST(Cohort, WorkloadSumsEqualTheCalendarRows) {
  const auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  const CohortRun r = run(make_roster(2000), sites, 2);
  // Count the CSV rows per (site, scheduled date), and their doses, from the text itself.
  std::map<std::pair<std::string, std::string>, std::pair<long, long>> from_csv;
  std::istringstream lines{r.csv};
  std::string line;
  std::getline(lines, line);  // header
  long rows = 0;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        f.push_back(std::exchange(cell, {}));
      else
        cell += c;
    }
    f.push_back(cell);
    ASSERT_EQ(f.size(), 14u) << line;
    auto& [visits, doses] = from_csv[{f[2], f[10]}];
    ++visits;
    doses += f[13].find("INJ_") != std::string::npos;
    ++rows;
  }
  long tallied = 0;
  for (const auto& [key, tally] : r.workload.days()) {
    const auto& [site, day] = key;
    const auto it = from_csv.find({sites[site].id, date::format("%F", day)});
    ASSERT_NE(it, from_csv.end());
    EXPECT_EQ(tally.visits, it->second.first);
    EXPECT_EQ(tally.doses, it->second.second);
    tallied += tally.visits;
  }
  EXPECT_EQ(tallied, rows);
  EXPECT_EQ(r.workload.days().size(), from_csv.size());
}

// Subjects of the same site, arm and Day 1 share a plan (the planning threads remember plans): each subject's plan
// is still exactly the plan of that subject alone, at sites with and without a capacity, with more distinct
// (site, arm, Day 1) than a thread remembers.
TEST(Cohort, EverySubjectsPlanIsItsPlanAlone) {
  auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  sites[0].capacity = std::nullopt;  // plans remembered
  sites[1].capacity = 3;             // planned one by one, booking as they go
  const std::string path = testing::TempDir() + "cohort-alike.csv";
  {
    std::ofstream out{path};
    out << "subject,arm,site,day1\n";
    // The first 2,000 on 300 days (alike), the rest each on a day of its own: site 0 sees more than
    // CohortPlanner::kRemembered (8,192) days.
    for (int i = 0; i < 18800; ++i)
      out << "S" << i << ',' << (i % 2 ? "SALINE" : "SERUM") << ',' << sites[static_cast<std::size_t>(i % 2)].id << ','
          << date::format("%F", Date{date::year{2026} / 1 / 5} + Days{i < 2000 ? (i * 7) % 300 : i}) << '\n';
  }
  // A plan as text: each visit's index, scheduled date and status.
  const auto text = [](const std::vector<PlannedVisit>& visits) {
    std::string out;
    for (const PlannedVisit& v : visits)
      out += std::to_string(v.visit) + ' ' + format_date(v.scheduled) + ' ' + std::string{to_string(v.status)} + ';';
    return out + '\n';
  };
  std::string expected;
  {
    RosterReader roster{path, nahm2023(), &sites};
    SiteLoad load{3};  // site 1's, booked in roster order
    Subject s;
    std::size_t site = 0;
    while (roster.next(s, site))
      expected += text(plan(nahm2023(), PlanRequest{s.day1, s.arm, &sites[site].calendar, Prefer::earlier,
                                                    sites[site].capacity ? &load : nullptr}));
  }
  for (const unsigned threads : {1U, 2U}) {
    RosterReader roster{path, nahm2023(), &sites};
    CohortPlanner planner{nahm2023(), &sites, nullptr, Prefer::earlier, threads};
    std::string planned;
    planner.run(
        roster, [&](unsigned, const PlannedSubject& s, std::string& out) { out = text(s.visits); },
        [&](std::span<const std::string> texts) {
          for (const std::string& t : texts) planned += t;
        });
    EXPECT_EQ(planned, expected) << threads << " threads";
  }
}

TEST(Cohort, SubjectsShareASitesCapacityInRosterOrder) {
  auto sites = parse_sites("format = 1\n[[site]]\nid = \"KR01\"\ncapacity = 1\n", "sites.toml");
  const std::string path = testing::TempDir() + "two.csv";
  std::ofstream{path} << "subject,arm,site,day1\nA,SERUM,KR01,2026-01-05\nB,SALINE,KR01,2026-01-05\n";
  const CohortRun r = run(path, sites, 2);
  // A (first in the roster) gets every target; B, same Day 1, finds each target day full and moves to the
  // nearest day with room: screening one day earlier (Dec 21), Day 4 to Jan 7 (2 days after its Day 1 dose,
  // the minimum gap); its Day 1 visit has a 0-day window, so it is a conflict.
  EXPECT_NE(r.csv.find("A,SERUM,KR01,SCR,Screening (blood draw for serum preparation),screening,-14,2025-12-22,"
                       "2025-12-08,2025-12-29,2025-12-22,0,planned"),
            std::string::npos);
  EXPECT_NE(r.csv.find("B,SALINE,KR01,SCR,Screening (blood draw for serum preparation),screening,-14,2025-12-22,"
                       "2025-12-08,2025-12-29,2025-12-21,-1,shifted"),
            std::string::npos);
  EXPECT_NE(r.csv.find("B,SALINE,KR01,W0,\"Week 0 / Day 1 (baseline, injection 1)\",treatment,1,2026-01-05,"
                       "2026-01-05,2026-01-05,2026-01-05,0,conflict"),
            std::string::npos);
  EXPECT_NE(r.csv.find("B,SALINE,KR01,D4,Day 4 (injection 2),treatment,4,2026-01-08,2026-01-07,2026-01-09,"
                       "2026-01-07,-1,shifted"),
            std::string::npos);
  for (const auto& [key, tally] : r.workload.days())
    EXPECT_LE(tally.visits - tally.conflicts, 1) << date::format("%F", key.second);
}

// use_events: each subject's conditional visits are planned from its own events (as plan() does for one subject
// with PlanRequest::events), and a subject without events has none, on any number of threads.
TEST(Cohort, PlansEachSubjectsConditionalVisitsFromItsOwnEvents) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/cdiscpilot01-xanomeline-ad.toml");
  const std::string roster_text =
      "subject,arm,site,day1\nS1,Xan_Hi,701,2014-01-02\nS2,Pbo,701,2014-01-09\nS3,Xan_Lo,701,2014-01-16\n";
  const EventDates events = events_by_subject(
      parse_events("subject,event,date\nS1,DISC,2014-01-20\nS3,RASH,2014-02-01\n", "events.csv", p));
  for (const unsigned threads : {1U, 2U}) {
    RosterReader roster{"roster.csv", roster_text, p, nullptr};
    CohortPlanner planner{p, nullptr, nullptr, Prefer::earlier, threads};
    planner.use_events(&events);
    std::map<std::string, std::vector<std::string>> conditional;  // subject -> its conditional visits planned
    planner.run(
        roster,
        [&](unsigned, const PlannedSubject& s, std::string& out) {
          const auto found = events.find(s.subject.id);
          const std::map<std::size_t, Date> none;
          PlanRequest alone{s.subject.day1, s.subject.arm};
          alone.events = found == events.end() ? &none : &found->second;
          const std::vector<PlannedVisit> expected = plan(p, alone);
          EXPECT_EQ(s.visits.size(), expected.size()) << s.subject.id;
          for (std::size_t i = 0; i < s.visits.size() && i < expected.size(); ++i)
            EXPECT_EQ(s.visits[i].scheduled, expected[i].scheduled) << s.subject.id << " visit " << i;
          for (const PlannedVisit& v : s.visits)
            if (p.visits[v.visit].on) out += s.subject.id + ":" + p.visits[v.visit].id + " ";
        },
        [&](std::span<const std::string> texts) {
          for (const std::string& t : texts)
            if (!t.empty()) conditional[t.substr(0, t.find(':'))].push_back(t);
        });
    EXPECT_EQ(conditional["S1"], std::vector<std::string>{"S1:AEFU S1:RET "}) << threads << " threads";
    EXPECT_EQ(conditional.count("S2"), 0U);
    EXPECT_EQ(conditional["S3"], std::vector<std::string>{"S3:RASHFU "});
  }
}

TEST(Cohort, AnErrorNamesTheRosterLine) {
  const auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  const std::string path = testing::TempDir() + "late.csv";
  std::ofstream{path} << "subject,arm,site,day1\nA,SERUM,KR01,2026-01-05\nB,SERUM,KR01,2200-12-20\n";
  try {
    run(path, sites, 1);
    FAIL() << "no error";
  } catch (const InputError& e) {
    // Day 15 = 2200-12-20 + 14 days: the first visit past 2200-12-31.
    EXPECT_EQ(std::string{e.what()}, path +
                                         ":3: error: subject 'B': visit D15 (" PLANNER_PROTOCOLS
                                         "/nahm2023-autologous-serum-ad.toml:162:1) falls on 2201-01-03, outside the "
                                         "supported dates 1900-01-01..2200-12-31");
  }
}

TEST(Cohort, ReportsTheFirstErrorInRosterOrderWhicheverStageFindsIt) {
  const auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  const std::string path = testing::TempDir() + "two-errors.csv";
  {
    std::ofstream out{path};
    out << "subject,arm,site,day1\nA,SERUM,KR01,2026-01-05\nB,SERUM,KR01,2200-12-20\n";  // B cannot be planned
    for (int i = 0; i < 9000; ++i) out << "C" << i << ",SERUM,KR02,2026-01-05\n";
    out << "Z,PLACEBO,KR01,2026-01-05\n";  // and this row cannot be read, in a later batch
  }
  for (unsigned threads : {1u, 2u}) {
    try {
      run(path, sites, threads);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string{e.what()}.substr(path.size(), 10), ":3: error:");
    }
  }
  std::ofstream{path} << "subject,arm,site,day1\nA,SERUM,KR01,2026-01-05\nZ,PLACEBO,KR01,2026-01-05\n";
  try {
    run(path, sites, 2);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string{e.what()}.substr(path.size(), 12), ":3:3: error:");
  }
}

TEST(Cohort, TwoBadRowsOfOneBatchOnDifferentThreadsReportTheEarlierOne) {
  const auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  const std::string path = testing::TempDir() + "two-bad-rows.csv";
  // Rows 3 (KR02) and 4 (KR01) cannot be planned; with 2 threads their sites belong to different threads.
  std::ofstream{path} << "subject,arm,site,day1\nA,SERUM,KR01,2026-01-05\nB,SERUM,KR02,2200-12-20\n"
                         "C,SERUM,KR01,2200-12-21\n";
  for (unsigned threads : {1u, 2u, 3u}) {
    try {
      run(path, sites, threads);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string{e.what()}.substr(path.size(), 25), ":3: error: subject 'B': v") << threads;
    }
  }
}

}  // namespace
}  // namespace planner
