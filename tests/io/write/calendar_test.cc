#include "planner/io/write/calendar.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "planner/io/iso8601.h"
#include "planner/io/read/protocol.h"

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

}  // namespace
}  // namespace planner
