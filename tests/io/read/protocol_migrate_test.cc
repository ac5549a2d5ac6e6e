// planner migrate through its function: every format 1 protocol file of the repository (tests/testdata and
// protocols/) becomes format 2 by its `format` line alone and plans the same calendar, byte for byte.
#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/calendar.h"

namespace planner {
namespace {

namespace fs = std::filesystem;
using date::days;
using date::sys_days;
using namespace date::literals;

// Every arm's calendar from two Day 1s (a Monday and the last day of a month, for month-based timings).
std::string calendars(const Protocol& protocol) {
  std::string out;
  for (const Arm& arm : protocol.arms) {
    for (const Date day1 : {Date{2026_y / 1 / 5}, Date{2026_y / 1 / 31}}) {
      const Subject subject{"S1", arm.id, "", day1};
      try {
        append_calendar_csv(out, protocol, subject, plan(protocol, PlanRequest{.day1 = day1, .arm = arm.id}));
      } catch (const PlanError& e) {
        out += std::string{"plan error: "} + e.what() + "\n";
      }
    }
  }
  return out;
}

std::vector<fs::path> protocol_files() {
  std::vector<fs::path> files;
  for (const fs::path& dir : {fs::path{PLANNER_TESTDATA}, fs::path{PLANNER_PROTOCOLS}})
    for (const auto& e : fs::recursive_directory_iterator{dir})
      if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Migrate, EveryFormat1FilePlansTheSameCalendarAsFormat2) {
  int migrated = 0;
  for (const fs::path& file : protocol_files()) {
    SCOPED_TRACE(file.string());
    const std::string text = read_file(file.string());
    Protocol before;
    try {
      before = parse_protocol(text, file.string());
    } catch (const InputError&) {
      continue;  // a malformed-file test or a sites file: migrate refuses it (below)
    }
    if (before.format != 1) continue;
    const MigratedProtocol m = migrate_protocol(text, file.string());
    EXPECT_EQ(m.from, 1);
    const Protocol after = parse_protocol(m.text, file.string());
    EXPECT_EQ(after.format, 2);
    EXPECT_EQ(calendars(after), calendars(before));
    // Only the format line changed: same length, one byte different.
    ASSERT_EQ(m.text.size(), text.size());
    EXPECT_EQ(std::mismatch(text.begin(), text.end(), m.text.begin()).first - text.begin(),
              static_cast<long>(text.find("format = 1") + 9));
    ++migrated;
  }
  EXPECT_GE(migrated, 10);
}

TEST(Migrate, Format2ComesBackUnchanged) {
  const std::string text = read_file(std::string{PLANNER_PROTOCOLS} + "/choi2024-autologous-serum-ad.toml");
  const MigratedProtocol once = migrate_protocol(text, "choi.toml");
  const MigratedProtocol twice = migrate_protocol(once.text, "choi.toml");
  EXPECT_EQ(twice.from, 2);
  EXPECT_EQ(twice.text, once.text);
}

TEST(Migrate, KeepsAnUnusualSpellingOfTheValueAndItsComment) {
  const std::string text = read_file(std::string{PLANNER_TESTDATA} + "/protocols/korean-labels.toml");
  std::string odd = text;
  odd.replace(odd.find("format = 1"), 10, "format   =   +1   # the first format");
  const MigratedProtocol m = migrate_protocol(odd, "odd.toml");
  EXPECT_NE(m.text.find("format   =   2   # the first format\n"), std::string::npos);
}

TEST(Migrate, RefusesAnInvalidFile) { EXPECT_THROW(migrate_protocol("format = 1\n[study]\n", "bad.toml"), InputError); }

}  // namespace
}  // namespace planner
