#include "planner/io/write/calendar.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "planner/core/home_dosing.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/timing_text.h"
#include "test_protocol.h"

namespace planner {
namespace {

// The JSON calendar parses back (with nlohmann-json) to exactly the planned visits, in order.
TEST(CalendarJson, ParsesBackToThePlan) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const Subject s{"S\"01", "SALINE", "KR,01", Date{date::year{2026} / 1 / 5}};  // text that needs escaping
  SiteCalendar closed;
  closed.close(date::Saturday);
  closed.close(date::Sunday);
  const auto visits = plan(p, PlanRequest{s.day1, s.arm, &closed, Prefer::earlier});
  const auto json = nlohmann::json::parse(calendar_json(p, s, visits));
  EXPECT_EQ(json["protocol"], "nahm2023-autologous-serum-ad");
  EXPECT_EQ(json["subject"]["id"], "S\"01");
  EXPECT_EQ(json["subject"]["site"], "KR,01");
  EXPECT_EQ(json["subject"]["day1"], "2026-01-05");
  ASSERT_EQ(json["visits"].size(), visits.size());
  for (std::size_t i = 0; i < visits.size(); ++i) {
    const auto& v = json["visits"][i];
    EXPECT_EQ(v["visit"], p.visits[visits[i].visit].id);
    EXPECT_EQ(parse_date(v["scheduled"].get<std::string>()).value, visits[i].scheduled);
    EXPECT_EQ(parse_date(v["target"].get<std::string>()).value, visits[i].target);
    EXPECT_EQ(v["shift"], visits[i].shift().count());
    EXPECT_EQ(v["study_day"], visits[i].study_day(s.day1).number());
    EXPECT_EQ(v["status"], std::string{to_string(visits[i].status)});
    for (const auto& a : v["activities"]) EXPECT_NE(a.get<std::string>(), "INJ_SERUM");  // the saline arm's
  }
  // Keys keep the documented order.
  std::vector<std::string> keys;
  for (const auto& [key, value] : json["visits"][0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"activities", "earliest", "epoch", "label", "latest", "scheduled", "shift",
                                            "status", "study_day", "target", "visit"}));  // sorted by json
  const auto ordered = nlohmann::ordered_json::parse(calendar_json(p, s, visits));
  keys.clear();
  for (const auto& [key, value] : ordered["visits"][0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"visit", "label", "epoch", "study_day", "target", "earliest", "latest",
                                            "scheduled", "shift", "status", "activities"}));
}

// The calendar JSON object built key by key with nlohmann::ordered_json: the reference CalendarJsonWriter (which
// calendar_json pretty-prints) is held to.
nlohmann::ordered_json reference_calendar_json(const Protocol& p, const Subject& s,
                                               const std::vector<PlannedVisit>& visits, const Site* site) {
  using json = nlohmann::ordered_json;
  json rows = json::array();
  for (const PlannedVisit& pv : visits) {
    const Visit& v = p.visits[pv.visit];
    json activities = json::array();
    for (std::size_t a : activities_for(p, v, s.arm)) activities.push_back(p.activities[a].id);
    rows.push_back({{"visit", v.id},
                    {"label", v.label},
                    {"epoch", p.epochs[v.epoch].id},
                    {"study_day", pv.study_day(s.day1).number()},
                    {"target", format_date(pv.target)},
                    {"earliest", format_date(pv.earliest)},
                    {"latest", format_date(pv.latest)},
                    {"scheduled", format_date(pv.scheduled)},
                    {"shift", pv.shift().count()},
                    {"status", std::string{to_string(pv.status)}},
                    {"activities", activities}});
    const auto time = appointment_time(v, site);
    if (time) rows.back()["time"] = format_time_of_day(*time);
    if (time && site && !site->time_zone.empty()) rows.back()["time_zone"] = site->time_zone;
    if (const auto length = visit_length(p, v, s.arm)) rows.back()["duration"] = format_time_duration(*length);
  }
  json out{{"protocol", p.study.id},
           {"subject", {{"id", s.id}, {"arm", s.arm}, {"site", s.site}, {"day1", format_date(s.day1)}}},
           {"visits", rows}};
  if (!s.stratum.empty())
    out["subject"] = {{"id", s.id},
                      {"arm", s.arm},
                      {"stratum", s.stratum},
                      {"site", s.site},
                      {"day1", format_date(s.day1)}};
  json periods = json::array();
  for (const DosingPeriod& d : p.dosing_periods) {
    if (!d.applies_to(p, s.arm)) continue;
    json days = json::array();
    for (Date day : period_dose_days(p, d, s.arm, visits)) days.push_back(format_date(day));
    const auto amount = d.amount_for(p, s.arm);
    periods.push_back({{"period", d.id},
                       {"activity", p.activities[d.activity].id},
                       {"where", d.place == DosingPeriod::Place::home ? "home" : "site"},
                       {"amount", amount ? json(to_string(*amount)) : json(nullptr)},
                       {"doses", days.size()},
                       {"days", days}});
  }
  if (!periods.empty()) out["dosing_periods"] = periods;
  json rules = json::array();
  const auto visit = [&](const std::optional<std::size_t>& v) { return v ? json(p.visits[*v].id) : json(nullptr); };
  const auto days = [](const std::optional<Days>& d) { return d ? json(d->count()) : json(nullptr); };
  for (const Constraint& c : p.constraints)
    if (p.activities[c.first].applies_to(s.arm) && p.activities[c.then].applies_to(s.arm))
      rules.push_back({{"constraint", c.id},
                       {"kind", std::string{to_string(c.kind)}},
                       {"first", p.activities[c.first].id},
                       {"first_visit", visit(c.first_visit)},
                       {"then", p.activities[c.then].id},
                       {"then_visit", visit(c.then_visit)},
                       {"min_days", days(c.min)},
                       {"max_days", days(c.max)},
                       {"label", c.label}});
  if (!rules.empty()) out["constraints"] = rules;
  return out;
}

// Every bundled protocol (and a timed one), every arm, without a site, at a site with a visit time and a time
// zone, at one with a time zone only, and at a site the writer was not made with: calendar_json is the
// reference's dump(2) byte for byte, and CalendarJsonWriter's compact object is the reference's dump().
TEST(CalendarJsonWriter, WritesTheReferenceObjectForEveryProtocolArmAndSite) {
  std::vector<std::string> files{PLANNER_TESTDATA "/time/timed.toml"};
  for (const auto& e : std::filesystem::directory_iterator{PLANNER_PROTOCOLS})
    if (e.path().extension() == ".toml") files.push_back(e.path().string());
  std::vector<Site> sites(2);
  sites[0].id = "BER";
  sites[0].time_zone = "Europe/Berlin";
  sites[0].calendar.set_visit_time(TimeOfDay{Minutes{8 * 60 + 30}});
  sites[1].id = "KR\"01";
  sites[1].time_zone = "Asia/Seoul";
  Site elsewhere = sites[0];
  elsewhere.calendar.set_visit_time(TimeOfDay{Minutes{14 * 60}});
  SiteCalendar closed;
  closed.close(date::Saturday);
  closed.close(date::Sunday);
  int compared = 0;
  for (const std::string& file : files) {
    const Protocol p = load_protocol(file);
    const CalendarJsonWriter writer{p, sites};
    for (const Arm& arm : p.arms)
      for (const Site* site : std::vector<const Site*>{nullptr, &sites[0], &sites[1], &elsewhere}) {
        const Subject s{"S\"é\x01", arm.id, site ? site->id : "", Date{date::year{2026} / 1 / 9},
                        site == &sites[1] ? "POS" : ""};  // a stratum at one of the sites
        const auto visits = plan(p, PlanRequest{s.day1, s.arm, &closed, Prefer::earlier});
        const nlohmann::ordered_json expected = reference_calendar_json(p, s, visits, site);
        EXPECT_EQ(calendar_json(p, s, visits, site), expected.dump(2) + "\n") << file << " " << arm.id;
        std::string compact;
        writer.append(compact, s, visits, site);
        EXPECT_EQ(compact, expected.dump()) << file << " " << arm.id;
        ++compared;
      }
  }
  EXPECT_GE(compared, 40);
}

// A cohort document: begin(), each subject's object after ",\n" (none before the first), end().
TEST(CalendarJsonWriter, CohortDocumentIsOneObjectWithASubjectALine) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const CalendarJsonWriter writer{p};
  EXPECT_EQ(writer.begin(), R"({"protocol":"nahm2023-autologous-serum-ad","subjects":[)");
  EXPECT_EQ(CalendarJsonWriter::end(), "\n]}\n");
  const Subject s{"S1", "SERUM", "", Date{date::year{2026} / 1 / 5}, ""};
  std::string line;
  writer.append(line, s, plan(p, PlanRequest{s.day1, s.arm}));
  const std::string head =
      R"({"protocol":"nahm2023-autologous-serum-ad","subject":{"id":"S1","arm":"SERUM","site":"","day1":"2026-01-05"},)"
      R"("visits":[{"visit":)";
  EXPECT_EQ(line.substr(0, head.size()), head);
  EXPECT_EQ(line.back(), '}');
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

// Through a CalendarMemo, each subject's CSV rows and JSON object are exactly those written without one, whatever
// the subjects before it: ids of other lengths (quoted, escaped), other arms, sites, strata, Day 1s and plans,
// subjects alike and not, more subjects than the memo keeps.
TEST(CalendarMemo, TextThroughTheMemoIsTheTextWrittenWithoutIt) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  std::vector<Site> sites(2);
  sites[0].id = "KR01";
  sites[1].id = "KR,02";
  sites[1].calendar.close(date::Saturday);
  const CalendarCsvWriter csv{p, {}, sites, true};
  const CalendarJsonWriter json{p, sites};
  CalendarMemo csv_memo, json_memo;
  const std::vector<std::string> ids{"S1", "S22", "S,3", "S\"4", "\xC3\xA9", "=5", "S7"};
  int found = 0;
  const auto compare = [&](int i, Date day1) {
    const Site& site = sites[static_cast<std::size_t>(i % 2)];
    const Subject s{ids[static_cast<std::size_t>(i % 7)] + std::to_string(i % 5 ? 0 : i), i % 3 ? "SERUM" : "SALINE",
                    site.id, day1, i % 8 < 4 ? "" : "ST"};
    std::vector<PlannedVisit> visits = plan(p, PlanRequest{s.day1, s.arm, &site.calendar});
    // As a cohort says subjects are alike (PlannedSubject::alike: the same site, arm, Day 1 and plan), or not
    // (every third subject, and those whose plan is made unlike the one before of the same day).
    std::uint64_t alike = (std::uint64_t{1} << 63) | (std::uint64_t(i % 2) << 40) | (std::uint64_t(i % 3 != 0) << 32) |
                          static_cast<std::uint32_t>(day1.time_since_epoch().count());
    if (i % 3 == 1) alike = 0;
    if (i % 11 == 0) {
      visits.back().scheduled += Days{1};
      alike = 0;
    }
    found += csv_memo.find(s, visits, nullptr, alike) != nullptr;
    std::string plain, through;
    csv.append(plain, s, visits);
    csv.append(through, s, visits, csv_memo, alike);
    EXPECT_EQ(through, plain) << i;
    plain.clear();
    through.clear();
    json.append(plain, s, visits, &site);
    json.append(through, s, visits, &site, json_memo, alike);
    EXPECT_EQ(through, plain) << i;
  };
  for (int i = 0; i < 3000; ++i) compare(i, Date{date::year{2026} / 1 / 5} + Days{(i * 37) % 900});  // alike
  EXPECT_GT(found, 500);
  // More subjects unlike any other than a memo keeps (about 3 KB of JSON each): the memo forgets and goes on.
  for (int i = 0; i < 5000; ++i) compare(i, Date{date::year{2030} / 1 / 1} + Days{i});
}

// A memo that fills up with texts none of which was used again is left aside (in_use() false) for four times as many
// subjects as it held, then for twice as long each time it happens again; one whose texts are used stays in use.
TEST(CalendarMemo, LeftAsideAfterFillingUpWithTextsNotUsedAgain) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const CalendarCsvWriter csv{p};
  const Date start{date::year{2026} / 1 / 5};
  const auto write = [&](CalendarMemo& memo, int i, Date day1) {
    const Subject s{"S" + std::to_string(i), "SERUM", "KR01", day1};
    std::string rows;
    csv.append(rows, s, plan(p, PlanRequest{s.day1, s.arm}), memo);
    EXPECT_FALSE(rows.empty());
  };
  CalendarMemo unlike{std::size_t{64} << 10};  // the rows of a few dozen subjects
  int i = 0;
  const auto fill = [&] {  // subjects each on a Day 1 of its own, until the memo is left aside: how many
    std::size_t n = 0;
    for (; unlike.in_use(); ++n, ++i) write(unlike, i, start + Days{i});
    std::size_t aside = 1;  // the call above that said so
    while (!unlike.in_use()) ++aside;
    return std::pair{n, aside};
  };
  const auto [first, first_aside] = fill();
  EXPECT_GT(first, 20u);
  EXPECT_EQ(first_aside, 4 * (first - 1));  // the last subject's text is the first of the emptied memo
  const auto [second, second_aside] = fill();
  EXPECT_EQ(second_aside, std::max(2 * first_aside, 4 * second));
  CalendarMemo alike{std::size_t{64} << 10};  // two subjects in three on the same Day 1 as one before
  for (int j = 0; j < 3000; ++j) {
    ASSERT_TRUE(alike.in_use()) << j;
    write(alike, j, start + Days{j % 3 == 0 ? j : 0});
  }
}

// Format 2 times: the CSV gains time and duration (a visit's own time, else its site's visit_time), each row
// agreeing with the protocol; a format 1 protocol without sites keeps the format 1 columns.
TEST(CalendarCsv, TimeAndDurationColumnsWhenTheProtocolOrTheSiteGivesTimes) {
  const Protocol p = testing::test_protocol(
      "[[activity]]\nid = \"S\"\nkind = \"assessment\"\ninstrument = \"SCORAD\"\nduration = \"PT20M\"\n" +
      testing::test_visit("V0", "P0D", 0, 0, R"("S")", "time = \"14:30\"\n") +
      testing::test_visit("V1", "P7D", 0, 0, R"("S", "INJ")"));
  const Subject s{"S1", "A", "KR01", Date{date::year{2026} / 1 / 5}};
  const auto visits = plan(p, PlanRequest{s.day1, s.arm});
  Site site;
  site.id = "KR01";
  site.calendar.set_visit_time(TimeOfDay{Minutes{9 * 60}});
  const CalendarCsvWriter with_site{p, {}, std::span<const Site>{&site, 1}};
  const CalendarCsvWriter without{p};
  EXPECT_TRUE(without.times());
  EXPECT_EQ(with_site.header(),
            "subject,arm,site,visit,label,epoch,study_day,target,earliest,latest,scheduled,shift,status,activities,"
            "time,duration\n");
  std::string rows;
  with_site.append(rows, s, visits);
  EXPECT_EQ(rows,
            "S1,A,KR01,V0,V0,tx,1,2026-01-05,2026-01-05,2026-01-05,2026-01-05,0,planned,S,14:30,PT20M\n"
            "S1,A,KR01,V1,V1,tx,8,2026-01-12,2026-01-12,2026-01-12,2026-01-12,0,planned,S;INJ,09:00,\n");
  rows.clear();
  without.append(rows, s, visits);  // no site: V1 is an all-day visit; INJ has no duration, so V1's is unknown
  EXPECT_EQ(rows,
            "S1,A,KR01,V0,V0,tx,1,2026-01-05,2026-01-05,2026-01-05,2026-01-05,0,planned,S,14:30,PT20M\n"
            "S1,A,KR01,V1,V1,tx,8,2026-01-12,2026-01-12,2026-01-12,2026-01-12,0,planned,S;INJ,,\n");
  const Protocol format1 = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  EXPECT_FALSE(CalendarCsvWriter{format1}.times());
  EXPECT_FALSE((CalendarCsvWriter{format1, {}, std::span<const Site>{}}.times()));
  EXPECT_TRUE((CalendarCsvWriter{format1, {}, std::span<const Site>{&site, 1}}.times()));
  const std::string table = calendar_table(p, s, visits, &site);
  EXPECT_NE(table.find("14:30-14:50"), std::string::npos) << table;
  EXPECT_NE(table.find("  09:00  "), std::string::npos) << table;
}

}  // namespace
}  // namespace planner
