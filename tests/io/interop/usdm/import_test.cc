// Importing USDM: the CDISC pilot against the summary derived from the same file independently
// (examples/usdm/cdisc_pilot_main_timeline_summary.csv), and small hand-made studies for chains,
// approximations and errors.
#include "planner/io/interop/usdm/import.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>

#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/protocol.h"
#include "planner/io/source_text.h"
#include "tests/io/interop/usdm/study_json.h"

namespace planner {
namespace {

using namespace date::literals;
constexpr Date kDay1 = 2026_y / 1 / 5;
const std::string kUsdm = PLANNER_EXAMPLES "/usdm/";

bool mentions(const std::vector<std::string>& warnings, std::string_view a, std::string_view b) {
  return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) {
    return w.find(a) != std::string::npos && w.find(b) != std::string::npos;
  });
}

// A window bound of the summary in whole days: "" (none) is 0, "P3D" is 3, "PT4H" is 0 (hours, rounded down:
// planner windows are whole days). Sets `hours` for the last.
long window_days(std::string_view text, bool& hours) {
  if (text.empty()) return 0;
  if (text.starts_with("PT") && text.ends_with("H")) {
    hours = true;
    return std::stol(std::string{text.substr(2, text.size() - 3)}) / 24;
  }
  return parse_duration(text).value->exact_days()->count();
}

TEST(UsdmImport, CdiscPilotMatchesTheSummaryForEveryInstance) {
  const UsdmImport imported = import_usdm(read_file(kUsdm + "CDISC_Pilot_Study.json"), "CDISC_Pilot_Study.json");
  const Protocol p = parse_protocol(imported.toml, "imported.toml");
  ASSERT_EQ(p.arms.size(), 3u);
  for (const Arm& arm : p.arms) {
    SCOPED_TRACE(arm.id);
    std::map<std::string, PlannedVisit> planned;
    for (const PlannedVisit& v : plan(p, PlanRequest{kDay1, arm.id, nullptr, Prefer::earlier}))
      planned.emplace(p.visits[v.visit].id, v);

    CsvReader csv{kUsdm + "cdisc_pilot_main_timeline_summary.csv"};
    csv.read_header({"instance", "window_lower", "window_upper", "sdtm_study_day", "n_activities"});
    std::size_t rows = 0;
    while (csv.next()) {
      ++rows;
      const std::string instance{csv.field(0)};
      SCOPED_TRACE(instance);
      const auto it = planned.find(instance);
      ASSERT_NE(it, planned.end()) << "no visit " << instance;
      const PlannedVisit& v = it->second;
      EXPECT_EQ(v.study_day(kDay1).number(), std::stoi(std::string{csv.field(3)}));
      bool hours = false;
      EXPECT_EQ((v.target - v.earliest).count(), window_days(csv.field(1), hours));
      EXPECT_EQ((v.latest - v.target).count(), window_days(csv.field(2), hours));
      if (hours) {
        EXPECT_TRUE(mentions(imported.warnings, instance, csv.field(1))) << "hour window not reported";
      }
      EXPECT_EQ(p.visits[v.visit].activities.size(), std::stoul(std::string{csv.field(4)}));
    }
    EXPECT_EQ(rows, planned.size());  // and no visit the summary does not have
  }
}

TEST(UsdmImport, CdiscPilotMapsTheOtherTimelinesAndConditionsAndIsDeterministic) {
  const std::string json = read_file(kUsdm + "CDISC_Pilot_Study.json");
  const UsdmImport a = import_usdm(json, "CDISC_Pilot_Study.json");
  const UsdmImport b = import_usdm(json, "elsewhere/CDISC_Pilot_Study.json");  // sources cite the file name only
  EXPECT_EQ(a.toml, b.toml);
  EXPECT_EQ(a.warnings, b.warnings);
  // The one thing not represented (docs/commands/import-usdm.md): SCREEN2's window in hours.
  ASSERT_EQ(a.warnings.size(), 1U);
  EXPECT_TRUE(mentions(a.warnings, "SCREEN2", "PT4H..PT0H"));
  for (const std::string& w : a.warnings)
    EXPECT_NE(a.toml.find("# not represented: " + w + "\n"), std::string::npos) << w;
  const Protocol p = parse_protocol(a.toml, "pilot.toml");
  // The Adverse Event and Early Termination timelines: events with a conditional visit each, on the event's day.
  ASSERT_EQ(p.events.size(), 2U);
  EXPECT_EQ(p.events[0].label, "Adverse Event Timeline");
  EXPECT_EQ(p.events[1].label, "Early Termination Timeline");
  const Visit* ae = p.find_visit("AE");
  const Visit* et = p.find_visit("ET");
  ASSERT_TRUE(ae && et);
  EXPECT_EQ(ae->on, 0U);
  EXPECT_EQ(et->on, 1U);
  EXPECT_EQ(format_duration(et->at), "P0D");
  EXPECT_EQ(et->activities.size(), 15U);
  // The Vital Sign Blood Pressure timeline: the steps of the vital signs activity, 8 minutes from first to last.
  const Activity* vs = p.find_activity("Vital_signs_Temperature");
  ASSERT_TRUE(vs && vs->duration);
  EXPECT_EQ(vs->duration->count(), 8);
  EXPECT_NE(vs->note.find("VS_STAND3 (ScheduledActivityInstance_8) Vital signs while standing at PT8M"),
            std::string::npos);
  // The conditions on SCREEN1's activities: kept at the activity there, as its note.
  const Visit* screen1 = p.find_visit("SCREEN1");
  ASSERT_TRUE(screen1);
  std::vector<std::string> conditional;
  for (const ActivityProvenance& c : screen1->activity_provenance)
    conditional.push_back(p.activities[c.activity].id + ": " + c.note.substr(0, c.note.find(':')));
  EXPECT_EQ(conditional, (std::vector<std::string>{"Hemoglobin_A1C: condition HA1C", "ADAS-Cog: condition Practice",
                                                   "CIBIC: condition Practice", "DAD: condition Practice",
                                                   "NPI-X: condition Practice"}));
}

// The pilot's trial design in USDM's own objects: its 7 StudyElements, each arm's StudyCells, its encounters'
// transition rules (docs/commands/import-usdm.md lists how they differ from the pilot's TA, TE and TV).
TEST(UsdmImport, CdiscPilotKeepsItsElementsStudyCellsAndTransitionRules) {
  const UsdmImport imported = import_usdm(read_file(kUsdm + "CDISC_Pilot_Study.json"), "CDISC_Pilot_Study.json");
  const Protocol p = parse_protocol(imported.toml, "pilot.toml");
  std::vector<std::string> elements, arms, rules;
  for (const TrialElement& e : p.elements)
    elements.push_back(e.id + " '" + e.label + "' " + p.epochs[e.epoch].id + ": " + e.start_rule);
  EXPECT_EQ(elements,
            (std::vector<std::string>{
                "EL1 'Screening' Screening: Informed consent",
                "EL2 'Placebo' Treatment_1: Administration of first dose",
                "EL7 'Follow up' Follow-Up: End of last scheduled visit on study (including early termination)",
                "EL3 'Low' Treatment_1: Administration of first dose", "EL4 'High - Start' Treatment_1: Randomized",
                "EL5 'High - Middle' Treatment_2: Administration of first dose (from patches supplied at Visit 4)",
                "EL6 'High - End' Treatment_3: Administration of first dose (from patches supplied at Visit 12)"}));
  EXPECT_EQ(p.elements[0].end_rule,
            "Completion of all screening activities and no more than 2 weeks from informed consent");
  EXPECT_EQ(p.elements[2].end_rule,
            "Completion of all specified followup activities (which vary on a patient-by-patient basis)");
  EXPECT_EQ(p.elements.front().note, "Screening Element");  // the description
  for (const Arm& a : p.arms) {
    std::string line = a.id + ":";
    for (const std::size_t e : a.elements) line += " " + p.elements[e].id;
    arms.push_back(line);
  }
  // The Placebo element fills the three treatment epochs' cells: listed once.
  EXPECT_EQ(arms, (std::vector<std::string>{"Placebo: EL1 EL2 EL7", "Xanomeline_Low_Dose: EL1 EL3 EL7",
                                            "Xanomeline_High_Dose: EL1 EL4 EL5 EL6 EL7"}));
  for (const Visit& v : p.visits)
    if (!v.start_rule.empty() || !v.end_rule.empty()) rules.push_back(v.id + ": " + v.start_rule + " / " + v.end_rule);
  EXPECT_EQ(rules,
            (std::vector<std::string>{"SCREEN1: Subject identifier / completion of screening activities",
                                      "SCREEN2:  / subject leaves clinic after connection of ambulatory ECG machine",
                                      "DOSE: subject has connection of ambulatory ECG machine removed / Radomized",
                                      "WK26:  / End of treatment"}));
}

// ---- hand-made studies ---------------------------------------------------------------------------------

// instance(), timing() and study(): tests/io/interop/usdm/study_json.h.
using usdm::testing::instance;
using usdm::testing::study;
using usdm::testing::timing;

constexpr std::string_view kTimings = "s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines/0/timings/";

std::string error_of(const std::string& json) {
  try {
    import_usdm(json, "s.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "imported without error";
}

std::map<std::string, int> study_days(const Protocol& p) {
  std::map<std::string, int> out;
  for (const PlannedVisit& v : plan(p, PlanRequest{kDay1, p.arms.front().id, nullptr, Prefer::earlier}))
    out[p.visits[v.visit].id] = v.study_day(kDay1).number();
  return out;
}

TEST(UsdmImport, BeforeAndAfterChainFromTheFixedReference) {
  // A is Day 1; B one week after A; C two days before B; D three days after C; S two weeks before A.
  const std::string json = study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C"), instance("I4", "D"),
                                  instance("I5", "S")},
                                 {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                  timing("T2", "After", "P1W", "I2", "I1"), timing("T3", "Before", "P2D", "I3", "I2"),
                                  timing("T4", "After", "P3D", "I4", "I3"), timing("T5", "Before", "P2W", "I5", "I1")});
  const UsdmImport imported = import_usdm(json, "s.json");
  const Protocol p = parse_protocol(imported.toml, "s.toml");
  // offsets 0, 7, 5, 8, -14 -> study days 1, 8, 6, 9, -14 (no day 0)
  EXPECT_EQ(study_days(p), (std::map<std::string, int>{{"A", 1}, {"B", 8}, {"C", 6}, {"D", 9}, {"S", -14}}));
  EXPECT_FALSE(p.find_visit("A")->after);
  EXPECT_FALSE(p.find_visit("B")->after);  // relative to the anchor: timed from Day 1
  EXPECT_EQ(p.visits[*p.find_visit("C")->after].id, "B");
  EXPECT_EQ(p.visits[*p.find_visit("D")->after].id, "C");
  EXPECT_EQ(format_duration(p.find_visit("C")->at), "-P2D");
  EXPECT_EQ(format_duration(p.find_visit("S")->at), "-P2W");
  // visits are written in time order
  std::vector<std::string> order;
  for (const Visit& v : p.visits) order.push_back(v.id);
  EXPECT_EQ(order, (std::vector<std::string>{"S", "A", "C", "B", "D"}));
  EXPECT_TRUE(imported.warnings.empty());
}

TEST(UsdmImport, WindowsComeFromWindowLowerAndUpper) {
  const std::string json =
      study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C"), instance("I4", "D")},
            {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
             timing("T2", "After", "P2W", "I2", "I1", R"(, "windowLower": "P2D", "windowUpper": "P1W")"),
             timing("T3", "After", "P4W", "I3", "I1", R"(, "windowLower": "P1DT12H", "windowUpper": "PT4H")"),
             timing("T4", "After", "PT36H", "I4", "I1", R"(, "windowLower": null, "windowUpper": "P3D")")});
  const UsdmImport imported = import_usdm(json, "s.json");
  const Protocol p = parse_protocol(imported.toml, "s.toml");
  const auto window = [&](const char* id) {
    const Window& w = p.find_visit(id)->window;
    return format_duration(w.early) + ".." + format_duration(w.late);
  };
  EXPECT_EQ(window("A"), "P0D..P0D");  // none given
  EXPECT_NE(p.find_visit("A")->window.provenance.assumed.find("USDM gives no window"), std::string::npos);
  EXPECT_EQ(window("B"), "P2D..P1W");
  EXPECT_EQ(window("C"), "P1D..P0D");  // 1.5 days and 4 hours, rounded down: never wider than USDM's
  EXPECT_EQ(window("D"), "P0D..P3D");
  EXPECT_EQ(study_days(p).at("D"), 3);  // PT36H = 1.5 days, rounded to 2: day 3
  EXPECT_EQ(imported.warnings.size(), 2u);
  EXPECT_TRUE(mentions(imported.warnings, "C (I3), timing T3", "window P1DT12H..PT4H imported as P1D..P0D"));
  EXPECT_TRUE(mentions(imported.warnings, "D (I4), timing T4", "the timing value PT36H rounded to P2D"));
}

TEST(UsdmImport, WhatCannotBeRepresentedIsReported) {
  const std::string json = study({instance("I1", "A"), instance("I2", "B"),
                                  R"({"id": "I3", "name": "C", "epochId": "Ep1", "activityIds": ["Act1"]})",
                                  R"({"id": "I4", "name": "DEC", "instanceType": "ScheduledDecisionInstance"})",
                                  instance("I5", "E"), instance("I6", "F"), instance("I7", "G")},
                                 {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                  timing("T2", "After", "P1M", "I2", "I1",
                                         R"(, "relativeToFrom": {"decode": "End to Start"})"),
                                  timing("T3", "After", "P1W", "I3", "I1"), timing("T4", "After", "P1W", "I4", "I1"),
                                  timing("T5", "After", "P1D", "I5", "I4"), timing("T6", "After", "P2D", "I6", "I1"),
                                  timing("T7", "After", "P3D", "I6", "I1")});
  const UsdmImport imported = import_usdm(json, "s.json");
  const Protocol p = parse_protocol(imported.toml, "s.toml");
  EXPECT_TRUE(p.find_visit("A") && p.find_visit("B") && p.find_visit("C") && p.find_visit("F"));
  EXPECT_FALSE(p.find_visit("DEC"));
  EXPECT_FALSE(p.find_visit("E"));  // timed from the decision
  EXPECT_FALSE(p.find_visit("G"));  // no timing
  EXPECT_TRUE(mentions(imported.warnings, "B (I2), timing T2", "'End to Start' taken as 'Start to Start'"));
  EXPECT_TRUE(mentions(imported.warnings, "month_end = \"clamp\"", "months or years"));
  EXPECT_TRUE(mentions(imported.warnings, "C (I3)", "has no encounter"));
  EXPECT_TRUE(mentions(imported.warnings, "decision instance DEC (I4)", "not imported"));
  EXPECT_TRUE(mentions(imported.warnings, "E (I5)", "which is not imported"));
  EXPECT_TRUE(mentions(imported.warnings, "G (I7)", "has no timing"));
  EXPECT_TRUE(mentions(imported.warnings, "F (I6), timing T6", "timing T7 times it too"));
  EXPECT_EQ(p.month_end, MonthEnd::clamp);
  EXPECT_EQ(study_days(p).at("F"), 3);  // its first timing, T6
  for (const std::string& w : imported.warnings)
    EXPECT_NE(imported.toml.find("# not represented: " + w + "\n"), std::string::npos) << w;
}

TEST(UsdmImport, NamesBecomeValidUniqueIdsAndTextIsEscaped) {
  std::string json = study({instance("I1", "Visit / 1"), instance("I2", "Visit 1"), instance("I3", "")},
                           {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                            timing("T2", "After", "P1D", "I2", "I1"), timing("T3", "After", "P2D", "I3", "I1")});
  const std::string label = R"(Physical exam)";
  json.replace(json.find(label), label.size(), R"(Exam \"quoted\" \\ back\nslash\t\u0001\u007f \u00e9)");
  json.replace(json.find(R"("name": "T")"), 11, R"("name": "X")");  // a one-letter study name
  const Protocol p = parse_protocol(import_usdm(json, "s.json").toml, "s.toml");
  std::vector<std::string> ids;
  for (const Visit& v : p.visits) ids.push_back(v.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"Visit_1", "Visit_1_2", "I3"}));
  EXPECT_EQ(p.study.id, "X");
  // Control characters planner does not read become U+FFFD; line feeds and tabs stay.
  EXPECT_EQ(p.activities.front().label, "Exam \"quoted\" \\ back\nslash\t\uFFFD\uFFFD \xc3\xa9");
}

TEST(UsdmImport, CycleIsAnErrorNamingTheTiming) {
  const std::string json = study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C")},
                                 {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                  timing("T2", "After", "P1W", "I2", "I3"), timing("T3", "After", "P1W", "I3", "I2")});
  EXPECT_EQ(error_of(json),
            std::string{kTimings} +
                "2/relativeToScheduledInstanceId: the timings form a cycle: B (I2) -> C (I3) -> B (I2)\n");
}

TEST(UsdmImport, UnknownInstanceIsAnError) {
  const std::string json = study({instance("I1", "A"), instance("I2", "B")},
                                 {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                  timing("T2", "After", "P1W", "I2", "I9")});
  EXPECT_EQ(error_of(json),
            std::string{kTimings} +
                "1/relativeToScheduledInstanceId: unknown instance 'I9' (not an instance of timeline TL1)\n");
}

TEST(UsdmImport, AnEventTimelineBecomesAnEventWithConditionalVisitsTimedFromItsDate) {
  std::string json = study({instance("I1", "A"), instance("I2", "B")},
                           {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                            timing("T2", "After", "P2W", "I2", "I1")});
  const std::string after_a =
      R"(, "extensionAttributes": [{"id": "X", "url": "urn:planner:usdm:after", "valueString": "A"}])";
  const std::string dropout =
      R"({"id": "TL2", "name": "Dropout", "label": "Drop-out", "entryCondition": "the subject drops out",
          "instances": [)" +
      instance("X1", "DROP") + ", " + instance("X2", "DROP2") + ", " + instance("X3", "DROP3") + ", " +
      instance("X4", "LATE", after_a) + R"(], "timings": [)" + timing("U1", "Fixed Reference", "P1D", "X1", "X1") +
      ", " + timing("U2", "After", "P1W", "X2", "X1") + ", " + timing("U3", "After", "P2D", "X3", "X2") + ", " +
      timing("U4", "After", "P4W", "X4", "X1") + "]}";
  const std::string untimed = R"({"id": "TL3", "name": "Untimed", "instances": [)" + instance("Y1", "SOMETIME") +
                              R"(], "timings": []})";
  json.insert(json.rfind("]}]}]}}"), ", " + dropout + ", " + untimed);
  const UsdmImport imported = import_usdm(json, "s.json");
  EXPECT_EQ(imported.warnings,
            std::vector<std::string>{"timeline TL3 'Untimed' has no timing of type \"Fixed Reference\": nothing says "
                                     "when its 1 instance happens; not imported"});
  const Protocol p = parse_protocol(imported.toml, "s.toml");
  ASSERT_EQ(p.events.size(), 1U);
  EXPECT_EQ(p.events[0].id, "Dropout");
  EXPECT_EQ(p.events[0].label, "Drop-out");
  EXPECT_EQ(p.events[0].note, "USDM timeline TL2, entered when 'the subject drops out'");
  std::vector<std::string> visits;
  for (const Visit& v : p.visits)
    visits.push_back(v.id + (v.on ? " on " + p.events[*v.on].id : "") +
                     (v.after ? " after " + p.visits[*v.after].id : "") + " at " + format_duration(v.at));
  // DROP3 is chained to DROP2 in USDM; planner counts a conditional visit from the event: 1 week + 2 days.
  EXPECT_EQ(visits,
            (std::vector<std::string>{"A at P0D", "B at P2W", "DROP on Dropout at P0D", "DROP2 on Dropout at P1W",
                                      "DROP3 on Dropout at P9D", "LATE on Dropout after A at P4W"}));
}

TEST(UsdmImport, DurationThatIsNotIso8601IsAnError) {
  for (const char* bad : {"x", "P", "PT", "P1", "2W", "-P2W", "P1.5W2D", "P1D2W", "P1DT", "P1H", "P1234567890D"}) {
    const std::string json = study({instance("I1", "A"), instance("I2", "B")},
                                   {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                    timing("T2", "After", bad, "I2", "I1")});
    EXPECT_EQ(error_of(json),
              std::string{kTimings} + "1/value: expected an ISO 8601 duration such as P2W, got '" + bad + "'\n");
  }
  const std::string json = study({instance("I1", "A"), instance("I2", "B")},
                                 {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                  timing("T2", "After", "P400Y", "I2", "I1")});
  EXPECT_EQ(error_of(json),
            std::string{kTimings} +
                "1/value: 'P400Y' is too long for planner (at most 300 years, 3600 months or 110000 days)\n");
}

TEST(UsdmImport, MissingStructureNamesTheJsonPointer) {
  EXPECT_EQ(error_of("[]"), "s.json: error: expected a USDM study: a JSON object with \"study\", got an array\n");
  EXPECT_EQ(error_of(R"({"study": {"versions": []}})"),
            "s.json: error: /study/versions: expected at least one study version, got an empty array\n");
  EXPECT_EQ(error_of(R"({"study": {"versions": [{"id": "V1"}]}})"),
            "s.json: error: /study/versions/0/studyDesigns: expected an array of study designs, got nothing\n");
  std::string no_main = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")});
  no_main.replace(no_main.find("\"mainTimeline\": true"), 20, "\"mainTimeline\": false");
  EXPECT_EQ(error_of(no_main),
            "s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines: no timeline has "
            "\"mainTimeline\": true; choose one with --timeline (timelines: TL1 'Main')\n");
  EXPECT_EQ(error_of(study({instance("I1", "A")}, {timing("T1", "After", "P1D", "I1", "I1")})),
            "s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines/0/timings: no timing of type \"Fixed "
            "Reference\": planner needs the instance that is Day 1\n");
}

// Elements and cells (the design_extra of study()): E1 and E3 in arm A's cell, E2 in none.
constexpr std::string_view kElements =
    R"( "elements": [{"id": "E1", "name": "SCRN", "label": "Screen", "transitionStartRule": {"text": "Consent"},
                    "transitionEndRule": null},
                   {"id": "E2", "name": "FOLO", "label": "Follow-up", "transitionStartRule": {"text": "End"}},
                   {"id": "E3", "name": "TREATMENT", "label": "Treatment"}],)";

TEST(UsdmImport, StudyElementsAndCellsBecomeElementsAndEachArmsElements) {
  const std::string json = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")},
                                 std::string{kElements} +
                                     R"( "studyCells": [{"id": "C1", "armId": "Arm1", "epochId": "Ep1",
                                          "elementIds": ["E1", "E3"]}],)");
  const UsdmImport imported = import_usdm(json, "s.json");
  const Protocol p = parse_protocol(imported.toml, "s.toml");
  ASSERT_EQ(p.elements.size(), 2U);
  EXPECT_EQ(p.elements[0].id, "SCRN");
  EXPECT_EQ(p.elements[0].start_rule, "Consent");
  EXPECT_EQ(p.elements[1].id, "TREATMEN");  // an ETCD has at most 8 characters
  EXPECT_EQ(p.elements[1].start_rule, "(not given in USDM)");
  EXPECT_EQ(p.elements[1].provenance.assumed, "USDM gives the element no transitionStartRule");
  EXPECT_EQ(p.arms.front().elements, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(mentions(imported.warnings, "element E2 'Follow-up'", "is in no study cell and names no epoch"));
  EXPECT_TRUE(mentions(imported.warnings, "element E3 'Treatment'", "has no transitionStartRule"));
  ASSERT_EQ(imported.warnings.size(), 2U);
  for (const std::string& w : imported.warnings)
    EXPECT_NE(imported.toml.find("# not represented: " + w + "\n"), std::string::npos) << w;
}

// An element planner's export derived (for a protocol without [[element]]) is left out with its cells: the
// stated elements beside it are imported as they would be without it.
TEST(UsdmImport, ElementsMarkedDerivedAreLeftOutWithTheirCells) {
  std::string elements{kElements};
  const std::string last = R"({"id": "E3", "name": "TREATMENT", "label": "Treatment"})";
  elements.replace(elements.find(last), last.size(),
                   last + R"(, {"id": "E4", "name": "DERIVED", "label": "Derived", "extensionAttributes": [
                     {"url": "urn:planner:usdm:derived", "valueString": "true"}]})");
  const std::string json = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")},
                                 elements + R"( "studyCells": [{"id": "C1", "armId": "Arm1", "epochId": "Ep1",
                                           "elementIds": ["E1", "E4", "E3"]},
                                          {"id": "C2", "armId": "Arm1", "epochId": "Ep1", "elementIds": ["E4"]}],)");
  const UsdmImport imported = import_usdm(json, "s.json");
  const Protocol p = parse_protocol(imported.toml, "s.toml");
  std::vector<std::string> ids;
  for (const TrialElement& e : p.elements) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"SCRN", "TREATMEN"}));
  EXPECT_EQ(p.arms.front().elements, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(imported.toml.find("DERIVED"), std::string::npos);
  EXPECT_EQ(imported.warnings.size(), 2U);  // E2 in no cell, E3 without a start rule, as without E4
}

TEST(UsdmImport, ADerivedMarkOtherThanTrueNamesItsJsonPointer) {
  std::string elements{kElements};
  const std::string last = R"({"id": "E3", "name": "TREATMENT", "label": "Treatment"})";
  elements.replace(elements.find(last), last.size(),
                   R"({"id": "E3", "name": "TREATMENT", "label": "Treatment", "extensionAttributes": [
                     {"url": "urn:planner:usdm:derived", "valueString": "TRUE"}]})");
  EXPECT_EQ(error_of(study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")}, elements)),
            "s.json: error: /study/versions/0/studyDesigns/0/elements/2/extensionAttributes/0/valueString: expected "
            "the planner extension derived to be \"true\", got 'TRUE'\n");
}

TEST(UsdmImport, ElementsAreNotImportedWhenAnArmHasNoCell) {
  const std::string json = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")},
                                 std::string{kElements});
  const UsdmImport imported = import_usdm(json, "s.json");
  EXPECT_TRUE(parse_protocol(imported.toml, "s.toml").elements.empty());
  EXPECT_EQ(imported.warnings, (std::vector<std::string>{"the 3 study elements are not imported: arm Arm1 'Arm A' is "
                                                         "in no study cell with elements (with [[element]], planner "
                                                         "needs every arm's)"}));
}

TEST(UsdmImport, ElementsAreNotImportedWhenAnArmGoesBackToAnEarlierEpochsElement) {
  std::string json = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")},
                           std::string{kElements} +
                               R"( "studyCells": [{"id": "C1", "armId": "Arm1", "epochId": "Ep1", "elementIds": ["E1"]},
                                    {"id": "C2", "armId": "Arm1", "epochId": "Ep2", "elementIds": ["E3", "E1"]}],)");
  const std::string epoch = R"({"id": "Ep1", "name": "Treatment", "label": "Treatment"})";
  json.replace(json.find(epoch), epoch.size(), epoch + R"(, {"id": "Ep2", "name": "Follow-up"})");
  const UsdmImport imported = import_usdm(json, "s.json");
  EXPECT_TRUE(parse_protocol(imported.toml, "s.toml").elements.empty());
  EXPECT_EQ(imported.warnings,
            (std::vector<std::string>{"the 3 study elements are not imported: arm Arm1 'Arm A' passes through element "
                                      "E1 (epoch Ep1) after E3 (epoch Ep2): planner's elements are each in one epoch, "
                                      "an arm's in the order of the epochs"}));
}

TEST(UsdmImport, AStudyCellNamingNoArmEpochOrElementIsAnError) {
  const auto cell = [](const std::string& arm, const std::string& epoch, const std::string& element) {
    return study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")},
                 std::string{kElements} + R"( "studyCells": [{"id": "C1", "armId": ")" + arm + R"(", "epochId": ")" +
                     epoch + R"(", "elementIds": ["E1", ")" + element + R"("]}],)");
  };
  const std::string at = "s.json: error: /study/versions/0/studyDesigns/0/studyCells/0/";
  EXPECT_EQ(error_of(cell("Arm9", "Ep1", "E3")), at + "armId: unknown arm 'Arm9'\n");
  EXPECT_EQ(error_of(cell("Arm1", "Ep9", "E3")), at + "epochId: unknown epoch 'Ep9'\n");
  EXPECT_EQ(error_of(cell("Arm1", "Ep1", "E9")), at + "elementIds/1: unknown element 'E9'\n");
}

TEST(UsdmImport, MalformedJsonNamesLineAndColumn) {
  EXPECT_EQ(error_of("{\n  \"study\": [1,\n  ]\n}\n"),
            "s.json:3:3: error: malformed JSON: syntax error while parsing value - unexpected ']'; expected '[', '{', "
            "or "
            "a literal\n"
            " 3 |   ]\n"
            "   |   ^\n");
  EXPECT_EQ(error_of("{\"study\": {\"name\": \"é"),  // columns count characters, not bytes
            "s.json:1:22: error: malformed JSON: syntax error while parsing value - invalid string: missing closing "
            "quote; last read: '\"é'\n"
            " 1 | {\"study\": {\"name\": \"é\n"
            "   |                      ^\n");
}

}  // namespace
}  // namespace planner
