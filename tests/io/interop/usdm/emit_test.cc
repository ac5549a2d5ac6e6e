// Emitting the protocol file: toml++ writes every key and value (escaping included), keys stay in planner's
// order, and the file means what the string-built one meant before (same protocol, same calendars).
#include "planner/io/interop/usdm/emit.h"

#include <gtest/gtest.h>
#include <regex>

#include "planner/core/scheduler.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/calendar.h"
#include "planner/io/write/protocol.h"
#include "tests/io/interop/usdm/study_json.h"

namespace planner::usdm {
namespace {

using testing::instance;
using testing::study;
using testing::timing;

TEST(UsdmEmit, TomlLinesAreEscapedByTomlPlusPlus) {
  EXPECT_EQ(toml_line("id", "WK2"), "id = \"WK2\"\n");
  EXPECT_EQ(toml_line("label", "a \"b\" \\ c\nd\te"), "label = \"a \\\"b\\\" \\\\ c\\nd\\te\"\n");
  EXPECT_EQ(toml_line("label", "\xc3\xa9t\xc3\xa9"), "label = \"\xc3\xa9t\xc3\xa9\"\n");  // UTF-8 as it is
  EXPECT_EQ(toml_line("label", "it's"), "label = \"it's\"\n");                            // never a 'literal'
  EXPECT_EQ(toml_line("label", ""), "label = \"\"\n");
}

TEST(UsdmEmit, TextIsMadeReadableByPlannerFirst) {
  EXPECT_EQ(readable_text("a\r\nb\rc"), "a\nb\nc");
  EXPECT_EQ(readable_text("x\x01y\x7f"), "x\uFFFDy\uFFFD");
  EXPECT_EQ(readable_text("bidi \u202e!"), "bidi \uFFFD!");
  EXPECT_EQ(toml_line("note", "1\r2\x02"), "note = \"1\\n2\uFFFD\"\n");
}

UsdmImport emitted(const std::string& json) {
  const SourceText src{"s.json", json};
  const UsdmDocument doc{src};
  const UsdmStudy s = doc.study("");
  const std::vector<Placement> p = place_instances(s, src);
  return emit_protocol(s, p, plan_other_timelines(s, src), doc.conditions());
}

TEST(UsdmEmit, HeadStudyAnchorArmEpochAndActivityInPlannerOrder) {
  const UsdmImport out = emitted(study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")}));
  EXPECT_EQ(out.toml.substr(0, out.toml.find("\n[[visit]]")),
            "# Imported by `planner import-usdm` from s.json (USDM 4.0.0):\n"
            "# study design D1, timeline TL1 'Main'.\n"
            "# Day 1 is instance A (I1), timed by the Fixed Reference T1.\n"
            "# Every activity is a procedure: USDM does not say which are doses (product, route) or assessments\n"
            "# (instrument); change their kind before planning doses.\n"
            "\n"
            "format = 2\n"
            "\n"
            "[study]\n"
            "id = \"T\"\n"
            "title = \"Test study\"\n"
            "registry = []\n"
            "source = \"USDM s.json: study 'T', V1, title T1 (Official Study Title)\"\n"
            "\n"
            "[anchor]\n"
            "event = \"Visit (USDM instance A, the Fixed Reference of timeline 'Main')\"\n"
            "source = \"USDM s.json: I1, timing T1 (Fixed Reference, value P1D)\"\n"
            "\n"
            "[[arm]]\n"
            "id = \"A\"\n"
            "label = \"Arm A\"\n"
            "source = \"USDM s.json: Arm1\"\n"
            "\n"
            "[[epoch]]\n"
            "id = \"Treatment\"\n"
            "label = \"Treatment\"\n"
            "note = \"USDM Ep1\"\n"
            "\n"
            "[[activity]]\n"
            "id = \"Exam\"\n"
            "kind = \"procedure\"\n"
            "label = \"Physical exam\"\n"
            "source = \"USDM s.json: Act1\"\n");
  EXPECT_TRUE(out.warnings.empty());
}

TEST(UsdmEmit, VisitKeysKeepPlannerOrderAndCommentsComeFirst) {
  const UsdmImport out = emitted(study({instance("I1", "A"), instance("I2", "B")},
                                       {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                        timing("T2", "After", "PT36H", "I2", "I1", R"(, "windowUpper": "P3D")")}));
  const std::string b = out.toml.substr(out.toml.rfind("\n# not represented"));
  EXPECT_EQ(b,
            "\n# not represented: visit B (I2), timing T2: the timing value PT36H rounded to P2D (planner times visits "
            "in whole days)\n"
            "[[visit]]\n"
            "id = \"B\"\n"
            "label = \"Visit\"\n"
            "epoch = \"Treatment\"\n"
            "at = \"P2D\"\n"
            "window = { assumed = \"USDM gives no windowLower\", early = \"P0D\", late = \"P3D\" }\n"
            "activities = [ \"Exam\" ]\n"
            "source = \"USDM s.json: I2 B, encounter Enc1, timing T2 (After PT36H I1 A, Start to Start, window "
            "-..P3D)\"\n"
            "assumed = \"the timing value PT36H rounded to P2D\"\n"
            "note = \"USDM encounter Enc1 is also the encounter of A\"\n");
  EXPECT_EQ(out.warnings, std::vector<std::string>{"visit B (I2), timing T2: the timing value PT36H rounded to P2D "
                                                   "(planner times visits in whole days)"});
}

TEST(UsdmEmit, LongArraysAreWrittenOneItemPerLine) {
  std::string json = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")});
  std::string activities, ids;
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i);
    activities.append(R"(, {"id": "More)").append(n).append(R"(", "name": "Activity number )").append(n).append("\"}");
    ids.append(R"(, "More)").append(n).append("\"");
  }
  json.insert(json.find(']', json.find("\"activities\": [")), activities);
  json.insert(json.find(']', json.find("\"activityIds\": [")), ids);
  const std::string toml = emitted(json).toml;
  const std::size_t at = toml.find("activities = [\n");
  ASSERT_NE(at, std::string::npos) << toml;
  EXPECT_EQ(toml.substr(at, toml.find("]\n", at) + 2 - at),
            "activities = [\n    \"Exam\",\n    \"Activity_number_0\",\n    \"Activity_number_1\",\n"
            "    \"Activity_number_2\",\n    \"Activity_number_3\",\n    \"Activity_number_4\",\n"
            "    \"Activity_number_5\",\n    \"Activity_number_6\",\n    \"Activity_number_7\",\n"
            "    \"Activity_number_8\",\n    \"Activity_number_9\",\n    \"Activity_number_10\",\n"
            "    \"Activity_number_11\"\n]\n");
  EXPECT_NO_THROW(parse_protocol(toml, "long.toml"));
}

// What a reader of the protocol sees: `planner show` without line numbers, and each arm's calendar.
std::string meaning(const std::string& toml) {
  const Protocol p = parse_protocol(toml, "x.toml");
  std::string out = std::regex_replace(show_text(p), std::regex{R"(x\.toml:[0-9]+(:[0-9]+)?)"}, "x.toml");
  for (const Arm& arm : p.arms) {
    const Subject subject{"", arm.id, "", Date{date::year{2026} / 1 / 5}};
    append_calendar_csv(out, p, subject, plan(p, PlanRequest{subject.day1, arm.id}));
  }
  return out;
}

TEST(UsdmEmit, CdiscPilotPlansWhatTheStringBuiltFilePlanned) {
  // The CDISC pilot as the importer wrote it before toml++ (string concatenation), kept in testdata. It had
  // only the main timeline: the import now adds the events' conditional visits and the conditions, which no
  // calendar without events shows.
  const std::string before = read_file(PLANNER_TESTDATA "/usdm/CDISC_Pilot_Study.string-built.toml");
  const std::string now =
      import_usdm(read_file(PLANNER_EXAMPLES "/usdm/CDISC_Pilot_Study.json"), "CDISC_Pilot_Study.json").toml;
  EXPECT_NE(now, before);  // the formatting differs (arrays, inline tables)...
  const auto calendars = [](const std::string& m) { return m.substr(m.find("\n,Placebo,")); };
  EXPECT_EQ(calendars(meaning(now)), calendars(meaning(before)));  // ...the plans do not
  EXPECT_NE(meaning(now).find("Placebo"), std::string::npos);
}

}  // namespace
}  // namespace planner::usdm
