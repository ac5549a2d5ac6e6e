// Walking USDM JSON into UsdmStudy: what is read, how references resolve, which timing times an instance,
// and the errors that name the JSON pointer.
#include "planner/io/interop/usdm/walk.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "tests/io/interop/usdm/study_json.h"

namespace planner::usdm {
namespace {

using testing::instance;
using testing::study;
using testing::timing;

UsdmStudy walk(const std::string& json, std::string_view timeline = "") {
  const SourceText src{"dir/s.json", json};
  return UsdmDocument{src}.study(std::string{timeline});
}

std::string error_of(const std::string& json, std::string_view timeline = "") {
  try {
    walk(json, timeline);
  } catch (const InputError& e) {
    return e.what();
  }
  return "walked without error";
}

const std::string kChain = study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C")},
                                 {timing("T1", "After", "P1W", "I2", "I1"),
                                  timing("T2", "Fixed Reference", "P1D", "I1", "I1"),
                                  timing("T3", "Before", "P2D", "I3", "I2"), timing("T4", "After", "P3D", "I2", "I1")});

TEST(UsdmWalk, ReadsTheStudyAndResolvesReferences) {
  const UsdmStudy s = walk(kChain);
  EXPECT_EQ(s.file, "s.json");  // the file name only
  EXPECT_EQ(s.usdm_version, "4.0.0");
  EXPECT_EQ(s.study_id, "T");
  EXPECT_EQ(s.title, "Test study");
  EXPECT_EQ(s.title_source, "T1 (Official Study Title)");
  EXPECT_EQ(s.version_id, "V1");
  EXPECT_EQ(s.design_id, "D1");
  ASSERT_EQ(s.arms.size(), 1u);
  EXPECT_EQ(s.arms[0].shown(), "Arm A");
  EXPECT_EQ(s.activity("Act1")->name, "Exam");
  EXPECT_EQ(s.epoch("Ep9"), nullptr);
  EXPECT_EQ(s.timeline_id, "TL1");
  EXPECT_EQ(s.timeline_pointer, "/study/versions/0/studyDesigns/0/scheduleTimelines/0");
  ASSERT_EQ(s.instances.size(), 3u);
  EXPECT_EQ(s.instances[1].who(), "B (I2)");
  EXPECT_EQ(s.instances[2].pointer, "/study/versions/0/studyDesigns/0/scheduleTimelines/0/instances/2");
  EXPECT_EQ(s.timings[2].from_index, 2u);
  EXPECT_EQ(s.timings[2].to_index, 1u);
  EXPECT_TRUE(s.timings[2].before());
  EXPECT_TRUE(s.reports.empty());
}

TEST(UsdmWalk, DayOneIsTheFirstFixedReferenceAndEachInstanceItsFirstTiming) {
  const UsdmStudy s = walk(kChain);
  EXPECT_EQ(s.anchor_timing, 1u);
  EXPECT_EQ(s.anchor, 0u);
  EXPECT_EQ(s.instances[0].timing, 1u);
  EXPECT_EQ(s.instances[1].timing, 0u);
  EXPECT_EQ(s.instances[1].extra_timings, std::vector<std::size_t>{3});
  EXPECT_EQ(s.instances[2].timing, 2u);
}

TEST(UsdmWalk, ChoosesATimelineByIdNameOrLabel) {
  std::string json = kChain;
  json.replace(json.find("\"scheduleTimelines\": ["), 22,
               R"("scheduleTimelines": [{"id": "TL0", "name": "Other", "label": "AE", "entryCondition": "an AE",
                  "instances": [{"id": "X1", "name": "AE1"}], "timings": []}, )");
  EXPECT_EQ(walk(json).timeline_id, "TL1");
  EXPECT_EQ(walk(json, "Main").timeline_id, "TL1");
  ASSERT_EQ(walk(json).others.size(), 1U);  // read too, without a Fixed Reference
  EXPECT_EQ(walk(json).others[0].timeline_id, "TL0");
  EXPECT_EQ(walk(json).others[0].entry, "an AE");
  EXPECT_EQ(walk(json).others[0].instances.size(), 1U);
  EXPECT_FALSE(walk(json).others[0].has_anchor);
  EXPECT_EQ(error_of(json, "Mian"),
            "dir/s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines: "
            "--timeline: no timeline has the id, name or label 'Mian'; did you mean 'Main'?\n");
}

TEST(UsdmWalk, ReadsConditionsOfTheVersionAndTheDesign) {
  const std::string json = study({instance("I1", "A")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1")},
                                 R"("conditions": [{"id": "C1", "name": "n", "label": "L", "text": "if so",
                                     "contextIds": ["I1"], "appliesToIds": ["Act1"]}],)");
  const SourceText src{"s.json", json};
  const UsdmDocument doc{src};
  (void)doc.study("");
  const std::vector<Condition> c = doc.conditions();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].id, "C1");
  EXPECT_EQ(c[0].name, "L");  // the label before the name
  EXPECT_EQ(c[0].text, "if so");
  EXPECT_EQ(c[0].contexts, std::vector<std::string>{"I1"});
  EXPECT_EQ(c[0].applies, std::vector<std::string>{"Act1"});
}

TEST(UsdmWalk, UnknownReferencesAndDuplicatesNameTheJsonPointer) {
  const std::string at = "dir/s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines/0/";
  EXPECT_EQ(error_of(study({instance("I1", "A", R"(, "epochId": "Ep9")")}, {})),
            at + "instances/0/epochId: unknown epoch 'Ep9'\n");
  EXPECT_EQ(error_of(study({instance("I1", "A"), instance("I1", "B")}, {})),
            at + "instances/1/id: duplicate id 'I1' (also at /study/versions/0/studyDesigns/0/scheduleTimelines/0/"
                 "instances/0)\n");
  EXPECT_EQ(error_of(study({instance("I1", "A")}, {timing("T1", "Later", "P1D", "I1", "I1")})),
            at + "timings/0/type/decode: expected a timing type \"Fixed Reference\", \"Before\" or \"After\", got "
                 "'Later'\n");
}

}  // namespace
}  // namespace planner::usdm
