#include "planner/io/write/calendar.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "planner/io/iso8601.h"
#include "planner/io/read/protocol.h"
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
