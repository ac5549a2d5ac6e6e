// `planner check` on the CDISC pilot SDTM data, against an independent recount from the raw CSV.
#include "planner/io/sdtm.h"

#include <gtest/gtest.h>
#include <map>

#include "planner/core/visit_check.h"
#include "planner/io/csv_reader.h"
#include "planner/io/iso8601.h"
#include "planner/io/protocol_reader.h"

namespace planner {
namespace {

const std::string kData = PLANNER_SHARED "/data/cdiscpilot01/";

TEST(Sdtm, WeekTwoVerdictsMatchARecountFromTheRawData) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/cdiscpilot01-xanomeline-ad.toml");
  const SdtmRoster roster = load_sdtm_dm(kData + "dm.csv", p);
  EXPECT_EQ(roster.planned.size(), 254u);
  EXPECT_EQ(roster.unplanned.size(), 52u);  // ARMCD Scrnfail, no RFSTDTC
  std::map<std::string, std::vector<ActualVisit>> by_subject;
  for (ActualVisit& a : load_sdtm_sv(kData + "sv.csv", p, roster)) by_subject[a.subject].push_back(a);
  std::map<Verdict, int> planner_counts;
  for (const Subject& s : roster.planned)
    for (const VisitCheck& c : check_subject(p, s, by_subject[s.id], std::nullopt))
      if (c.visit == "WK2") ++planner_counts[c.verdict];

  // Recount: Week 2 (VISITNUM 4) is due 14 days after RFSTDTC, within 3 days either way.
  std::map<std::string, Date> day1;
  CsvReader dm{kData + "dm.csv"};
  dm.read_header({"USUBJID", "RFSTDTC"});
  while (dm.next())
    if (!dm.field(1).empty()) day1[std::string{dm.field(0)}] = *parse_date(dm.field(1).substr(0, 10)).value;
  int in = 0, early = 0, late = 0;
  CsvReader sv{kData + "sv.csv"};
  sv.read_header({"USUBJID", "VISITNUM", "SVSTDTC"});
  while (sv.next()) {
    if (sv.field(1) != "4") continue;
    const long deviation = (*parse_date(sv.field(2).substr(0, 10)).value - day1.at(std::string{sv.field(0)})).count() - 14;
    (deviation < -3 ? early : deviation > 3 ? late : in) += 1;
  }
  EXPECT_EQ(in + early + late, 254);
  EXPECT_EQ(planner_counts[Verdict::in_window], in);
  EXPECT_EQ(planner_counts[Verdict::early], early);
  EXPECT_EQ(planner_counts[Verdict::late], late);
}

}  // namespace
}  // namespace planner
