#include "planner/io/read/events.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

Protocol with_events() {
  return testing::test_protocol(
      "[[event]]\nid = \"AE\"\nsource = \"test\"\n[[event]]\nid = \"DISC\"\nsource = \"test\"\n" +
      testing::test_visit("W0", "P0D", 0, 0));
}

std::string error_of(const std::string& text) {
  try {
    parse_events(text, "events.csv", with_events());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Events, ReadsSubjectEventAndDate) {
  const auto events = parse_events("Date,Subject,Event\n2026-03-10,S1,DISC\n2026-02-01,S1,AE\n", "e.csv",
                                   with_events());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].subject, "S1");
  EXPECT_EQ(events[0].event, 1u);
  EXPECT_EQ(events[0].date, Date{2026_y / 3 / 10});
  EXPECT_EQ(events[0].line, 2);
  EXPECT_EQ(events[1].event, 0u);
}

TEST(Events, UnknownEventGetsDidYouMean) {
  EXPECT_EQ(error_of("subject,event,date\nS1,DISK,2026-03-10\n"),
            "events.csv:2:4: error: unknown event 'DISK'; did you mean 'DISC'?");
}

TEST(Events, SecondDateOfTheSameEventIsAnError) {
  EXPECT_EQ(error_of("subject,event,date\nS1,AE,2026-03-10\nS1,AE,2026-03-11\n"),
            "events.csv:3:4: error: subject 'S1' has event 'AE' already (line 2)");
}

TEST(Events, BadDateAndEmptySubject) {
  EXPECT_EQ(error_of("subject,event,date\n,AE,2026-03-10\n"), "events.csv:2:1: error: empty subject id");
  EXPECT_NE(error_of("subject,event,date\nS1,AE,2026-02-30\n").find("events.csv:2:7: error: date: "),
            std::string::npos);
}

}  // namespace
}  // namespace planner
