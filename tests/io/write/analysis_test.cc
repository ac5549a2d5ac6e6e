#include "planner/io/write/analysis.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

using namespace date::literals;

TEST(AnalysisCsv, WritesEachRecordsWindowDistanceFlagAndNoteInFileOrder) {
  const auto day = [](int n) { return *StudyDay::from_number(n); };
  const std::vector<AnalysisWindow> windows{{"Week 8", day(56), day(2), day(84), true},
                                            {"Week 16", day(112), day(85), day(140), true}};
  const Date day1 = 2026_y / 1 / 5;
  const auto record = [&](std::string group, Date date, bool derived = false) {
    return AnalysisRecord{"S1", std::move(group), date, day1, derived};
  };
  RecordFile file;
  file.records = {record("EASI", 2026_y / 3 / 1),         // 55 days after Day 1: study day 56, Week 8's target
                  record("EASI", 2026_y / 3 / 4),         // day 59: 3 from the target, not the nearest
                  record("EASI", 2026_y / 1 / 5),         // day 1: before Week 8's first day 2
                  record("EASI", 2026_y / 4 / 27),        // 31 + 28 + 31 + 22 = 112 days: day 113, Week 16
                  record("EASI", 2026_y / 4 / 27, true),  // derived: not assigned
                  record("PGA", 2026_y / 3 / 4)};         // another group: the nearest of its own
  file.lines = {2, 3, 4, 5, 6, 8};
  file.dtype = {"", "", "", "", "LOCF", ""};
  const auto assigned = assign_analysis_windows(windows, file.records);
  EXPECT_EQ(analysis_csv(windows, file, assigned),
            "line,subject,group,date,study_day,analysis_visit,target,distance,flag,note\n"
            "2,S1,EASI,2026-03-01,56,Week 8,56,0,Y,\n"
            "3,S1,EASI,2026-03-04,59,Week 8,56,3,,\n"
            "4,S1,EASI,2026-01-05,1,,,,,outside every window\n"
            "5,S1,EASI,2026-04-27,113,Week 16,112,1,Y,\n"
            "6,S1,EASI,2026-04-27,113,,,,,derived (LOCF): not assigned\n"
            "8,S1,PGA,2026-03-04,59,Week 8,56,3,Y,\n");
}

TEST(AnalysisCsv, IsTheHeaderAloneWithoutRecords) {
  EXPECT_EQ(analysis_csv({}, RecordFile{}, {}),
            "line,subject,group,date,study_day,analysis_visit,target,distance,flag,note\n");
}

}  // namespace
}  // namespace planner
