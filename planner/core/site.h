// A trial site as the scheduler sees it: when it is open, and how many visits it can see in a day.
#pragma once

#include <optional>
#include <string>

#include "planner/core/date.h"
#include "planner/core/enrolment.h"
#include "planner/core/protocol.h"
#include "planner/core/site_calendar.h"

namespace planner {

struct Site {
  std::string id;
  std::string name;
  std::string time_zone;  // IANA name, e.g. "Asia/Seoul"; checked against the tz database when read
  SiteCalendar calendar;
  std::optional<int> capacity;  // most visits per day; nullopt: no limit
  // For `planner forecast`: the first day it enrols and its recruitment rate (planner/core/enrolment.h).
  std::optional<Date> activation;
  std::optional<RateModel> rate;
  SourceLocation where;
};

}  // namespace planner
