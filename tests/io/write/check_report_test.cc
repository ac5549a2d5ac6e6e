#include "planner/io/write/check_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;
using testing::test_protocol;
using testing::test_visit;

// Study "t": V0 on Day 1 (window 0/0), V1 a week later (±1), V2 two weeks later (±2).
const Protocol& protocol() {
  static const Protocol p = test_protocol(test_visit("V0", "P0D", 0, 0) + test_visit("V1", "P1W", 1, 1) +
                                          test_visit("V2", "P2W", 2, 2));
  return p;
}

// S1's Day 1 is 2026-01-05, S2's 2026-01-10; S9 is not on the roster (a screen failure: no Day 1).
const std::vector<Subject> kRoster{{"S1", "A", "", Date{2026_y / 1 / 5}}, {"S2", "A", "", Date{2026_y / 1 / 10}}};

VisitCheck row(std::string subject, std::string visit, std::optional<std::size_t> index, std::optional<Date> actual,
               std::optional<Date> target, std::optional<Date> earliest, std::optional<Date> latest,
               std::optional<long> deviation, Verdict verdict, int line) {
  return {std::move(subject),
          std::move(visit),
          index,
          actual,
          target,
          earliest,
          latest,
          deviation ? std::optional<Days>{Days{*deviation}} : std::nullopt,
          verdict,
          line,
          {}};
}

// Study days count from Day 1 with no day 0: S1's 01-05 is day 1, V1's target 01-12 day 8 and its actual 01-14
// day 10, V2's target 01-19 day 15 (a missed visit has no actual day); S2's 01-09 is the day before Day 1,
// day -1; S9 has none.
std::vector<VisitCheck> rows() {
  const auto d = [](int month, int day) { return Date{2026_y / month / day}; };
  return {row("S1", "V0", 0, d(1, 5), d(1, 5), d(1, 5), d(1, 5), 0, Verdict::in_window, 2),
          row("S1", "V1", 1, d(1, 14), d(1, 12), d(1, 11), d(1, 13), 2, Verdict::late, 3),
          row("S1", "V2", 2, std::nullopt, d(1, 19), d(1, 17), d(1, 21), std::nullopt, Verdict::missed, 0),
          row("S2", "V0", 0, d(1, 9), d(1, 10), d(1, 10), d(1, 10), -1, Verdict::early, 5),
          row("S9", "X", std::nullopt, d(2, 1), std::nullopt, std::nullopt, std::nullopt, std::nullopt,
              Verdict::not_planned, 6)};
}

// One line per row; absent values are empty fields, a late deviation has a '+', a missed visit no line. The
// study days of the target and of the actual date are two columns.
TEST(CheckReport, CsvHasOneRowPerCheckWithTargetAndActualStudyDays) {
  EXPECT_EQ(check_csv(rows(), kRoster),
            "subject,visit,target_day,actual_day,target,earliest,latest,actual,deviation,verdict,line\n"
            "S1,V0,1,1,2026-01-05,2026-01-05,2026-01-05,2026-01-05,0,in-window,2\n"
            "S1,V1,8,10,2026-01-12,2026-01-11,2026-01-13,2026-01-14,+2,late,3\n"
            "S1,V2,15,,2026-01-19,2026-01-17,2026-01-21,,,missed,\n"
            "S2,V0,1,-1,2026-01-10,2026-01-10,2026-01-10,2026-01-09,-1,early,5\n"
            "S9,X,,,,,,2026-02-01,,not-planned,6\n");
}

// Visit ids come from the visit log: one that looks like a formula is guarded unless the caller says raw.
TEST(CheckReport, CsvGuardsFormulaLikeTextUnlessRaw) {
  const std::vector<VisitCheck> r{row("S9", "=1+2", std::nullopt, Date{2026_y / 2 / 1}, std::nullopt, std::nullopt,
                                      std::nullopt, std::nullopt, Verdict::not_planned, 4)};
  const std::string header =
      "subject,visit,target_day,actual_day,target,earliest,latest,actual,deviation,verdict,line\n";
  EXPECT_EQ(check_csv(r, kRoster), header + "S9,\"'=1+2\",,,,,,2026-02-01,,not-planned,4\n");
  EXPECT_EQ(check_csv(r, kRoster, {.formula_guard = false}), header + "S9,=1+2,,,,,,2026-02-01,,not-planned,4\n");
}

// Per visit (protocol order; X is not a protocol visit): V0 has S1 in window and S2 early; a missed visit is
// not a record. Per subject: S1 has 2 records (V0, V1) and V2 missed; S9's record is not planned (no Day 1),
// counted in its own column so that every subject's columns add up to RECORDS. Totals in the verdicts' order.
TEST(CheckReport, SummaryCountsPerVisitPerSubjectAndByVerdict) {
  EXPECT_EQ(check_summary(protocol(), rows(), AsOf{Date{2026_y / 2 / 1}, true}),
            "missed: no record and the window closed before 2026-02-01 (the latest date in the visit log; --as-of "
            "DATE to change)\n"
            "\n"
            "per visit\n"
            "VISIT  RECORDS  IN WINDOW  EARLY  LATE  OTHER  MISSED\n"
            "V0           2          1      1     0      0       0\n"
            "V1           1          0      0     1      0       0\n"
            "V2           0          0      0     0      0       1\n"
            "\n"
            "per subject\n"
            "SUBJECT  RECORDS  IN WINDOW  EARLY  LATE  OTHER  UNSCHEDULED  NOT PLANNED  MISSED\n"
            "S1             2          1      0     1      0            0            0       1\n"
            "S2             1          0      1     0      0            0            0       0\n"
            "S9             1          0      0     0      0            0            1       0\n"
            "\n"
            "5 rows: 1 in-window, 1 early, 1 late, 1 missed, 1 not-planned\n");
}

// The first line says which date decided what is missed: --as-of, the visit log's latest date, or none.
TEST(CheckReport, SummarySaysWhichDateDecidesWhatIsMissed) {
  const auto first_line = [](const std::optional<AsOf>& as_of) {
    const std::string summary = check_summary(protocol(), rows(), as_of);
    return summary.substr(0, summary.find('\n'));
  };
  EXPECT_EQ(first_line(AsOf{Date{2026_y / 1 / 12}}),
            "missed: no record and the window closed before 2026-01-12 (--as-of)");
  EXPECT_EQ(first_line(AsOf{Date{2026_y / 1 / 20}, true}),
            "missed: no record and the window closed before 2026-01-20 (the latest date in the visit log; --as-of DATE "
            "to change)");
  EXPECT_EQ(first_line(std::nullopt), "missed: none counted (no --as-of and no date in the visit log)");
}

// Subjects come in the order of the rows (the roster's), not sorted as text: S2 before S10.
TEST(CheckReport, SummaryListsSubjectsInRosterOrder) {
  const Date d{2026_y / 1 / 5};
  const std::vector<VisitCheck> r{row("S2", "V0", 0, d, d, d, d, 0, Verdict::in_window, 2),
                                  row("S10", "V0", 0, d, d, d, d, 0, Verdict::in_window, 3),
                                  row("S1", "V0", 0, d, d, d, d, 0, Verdict::in_window, 4)};
  const std::string summary = check_summary(protocol(), r);
  const std::string per_subject = summary.substr(summary.find("per subject\n"));
  EXPECT_EQ(per_subject.substr(0, per_subject.find("\n\n")),
            "per subject\n"
            "SUBJECT  RECORDS  IN WINDOW  EARLY  LATE  OTHER  UNSCHEDULED  NOT PLANNED  MISSED\n"
            "S2             1          1      0     0      0            0            0       0\n"
            "S10            1          1      0     0      0            0            0       0\n"
            "S1             1          1      0     0      0            0            0       0");
}

// OTHER counts the deviations that are not early, late or missed (duplicate, dose-gap); unscheduled is a
// record but no deviation: it has a column of its own (RECORDS = the sum of the columns before MISSED).
TEST(CheckReport, SummaryCountsOtherDeviationsAndUnscheduledApart) {
  const Date d{2026_y / 1 / 5};
  const std::vector<VisitCheck> r{row("S1", "V0", 0, d, d, d, d, 0, Verdict::duplicate, 2),
                                  row("S1", "V0", 0, d, d, d, d, 0, Verdict::dose_gap, 3),
                                  row("S1", "U1", std::nullopt, d, std::nullopt, std::nullopt, std::nullopt,
                                      std::nullopt, Verdict::unscheduled, 4)};
  EXPECT_EQ(check_summary(protocol(), r, AsOf{d}),
            "missed: no record and the window closed before 2026-01-05 (--as-of)\n"
            "\n"
            "per visit\n"
            "VISIT  RECORDS  IN WINDOW  EARLY  LATE  OTHER  MISSED\n"
            "V0           2          0      0     0      2       0\n"
            "\n"
            "per subject\n"
            "SUBJECT  RECORDS  IN WINDOW  EARLY  LATE  OTHER  UNSCHEDULED  NOT PLANNED  MISSED\n"
            "S1             3          0      0     0      2            1            0       0\n"
            "\n"
            "3 rows: 1 duplicate, 1 dose-gap, 1 unscheduled\n");
}

// The table is the rows (the days, DEV and LINE right-aligned, no trailing blanks), a blank line, then the
// summary. The target's and the actual date's study days are two columns (a missed visit has no actual day).
TEST(CheckReport, TableIsTheRowsWithTargetAndActualDaysThenTheSummary) {
  const AsOf as_of{Date{2026_y / 2 / 1}, true};
  EXPECT_EQ(check_table(protocol(), rows(), kRoster, as_of),
            "SUBJECT  VISIT  TARGET DAY  ACTUAL DAY  TARGET      EARLIEST    LATEST      ACTUAL      DEV  VERDICT      "
            "LINE\n"
            "S1       V0              1           1  2026-01-05  2026-01-05  2026-01-05  2026-01-05    0  in-window    "
            "   2\n"
            "S1       V1              8          10  2026-01-12  2026-01-11  2026-01-13  2026-01-14   +2  late         "
            "   3\n"
            "S1       V2             15              2026-01-19  2026-01-17  2026-01-21                   missed\n"
            "S2       V0              1          -1  2026-01-10  2026-01-10  2026-01-10  2026-01-09   -1  early        "
            "   5\n"
            "S9       X                                                                  2026-02-01       not-planned  "
            "   6\n"
            "\n" +
                check_summary(protocol(), rows(), as_of));
}

// JSON: absent values are null, the deviation a plain number, totals in the verdicts' order (as the summary).
TEST(CheckReport, JsonHasRecordsPerVisitCountsAndTotals) {
  const std::vector<VisitCheck> all = rows();
  const std::vector<VisitCheck> r{all[1], all[2], all[4]};  // S1 V1 late, S1 V2 missed, S9 not-planned
  EXPECT_EQ(check_json(protocol(), r, kRoster, AsOf{Date{2026_y / 2 / 1}, true}), R"({
  "protocol": "t",
  "as_of": "2026-02-01",
  "records": [
    {
      "subject": "S1",
      "visit": "V1",
      "target_day": 8,
      "actual_day": 10,
      "target": "2026-01-12",
      "earliest": "2026-01-11",
      "latest": "2026-01-13",
      "actual": "2026-01-14",
      "deviation": 2,
      "verdict": "late",
      "line": 3
    },
    {
      "subject": "S1",
      "visit": "V2",
      "target_day": 15,
      "actual_day": null,
      "target": "2026-01-19",
      "earliest": "2026-01-17",
      "latest": "2026-01-21",
      "actual": null,
      "deviation": null,
      "verdict": "missed",
      "line": null
    },
    {
      "subject": "S9",
      "visit": "X",
      "target_day": null,
      "actual_day": null,
      "target": null,
      "earliest": null,
      "latest": null,
      "actual": "2026-02-01",
      "deviation": null,
      "verdict": "not-planned",
      "line": 6
    }
  ],
  "per_visit": [
    {
      "visit": "V1",
      "records": 1,
      "in_window": 0,
      "early": 0,
      "late": 1,
      "missed": 0,
      "other": 0
    },
    {
      "visit": "V2",
      "records": 0,
      "in_window": 0,
      "early": 0,
      "late": 0,
      "missed": 1,
      "other": 0
    }
  ],
  "totals": {
    "late": 1,
    "missed": 1,
    "not-planned": 1
  }
}
)");
}

// The JSON totals and the summary's last line list the verdicts in the same order (declaration order, not
// alphabetical: in-window before early).
TEST(CheckReport, JsonTotalsInTheOrderOfTheSummary) {
  const std::vector<VisitCheck> all = rows();
  const std::vector<VisitCheck> r{all[3], all[0]};  // S2 V0 early, S1 V0 in window
  const std::string json = check_json(protocol(), r, kRoster);
  EXPECT_EQ(json.substr(json.find("\"totals\"")), "\"totals\": {\n    \"in-window\": 1,\n    \"early\": 1\n  }\n}\n");
  const std::string summary = check_summary(protocol(), r);
  EXPECT_EQ(summary.substr(summary.rfind("2 rows")), "2 rows: 1 in-window, 1 early\n");
}

// No rows: empty lists and totals, still valid JSON.
TEST(CheckReport, JsonOfNoRows) {
  EXPECT_EQ(check_json(protocol(), {}, kRoster),
            "{\n  \"protocol\": \"t\",\n  \"as_of\": null,\n  \"records\": [],\n  \"per_visit\": [],\n  \"totals\": "
            "{}\n}\n");
}

}  // namespace
}  // namespace planner
