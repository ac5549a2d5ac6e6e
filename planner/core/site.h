// A trial site as the scheduler sees it: when it is open, and how many visits it can see in a day.
#pragma once

#include <optional>
#include <string>

#include "planner/core/date.h"
#include "planner/core/enrolment.h"
#include "planner/core/protocol.h"
#include "planner/core/site_calendar.h"
#include "planner/core/time_of_day.h"

namespace planner {

struct Site {
  std::string id;
  std::string name;
  std::string time_zone;  // IANA name, e.g. "Asia/Seoul"; checked against the tz database when read
  SiteCalendar calendar;
  std::optional<int> capacity;  // most visits per day; nullopt: no limit
  // Format 2 protocols (times of day): the most minutes of visits a day (a visit without a length counts 0
  // minutes). Its opening hours and the appointment time of visits that give none are in `calendar`.
  std::optional<int> capacity_minutes;
  // For `planner forecast`: the first day it enrols and its recruitment rate (planner/core/enrolment.h).
  std::optional<Date> activation;
  std::optional<RateModel> rate;
  SourceLocation where;
};

// The site's capacity in minutes as SiteLoad takes it.
inline std::optional<Minutes> minutes_capacity(const Site& site) {
  if (!site.capacity_minutes) return std::nullopt;
  return Minutes{*site.capacity_minutes};
}

// A visit's appointment time: its own, else the site's visit_time; nullopt: an all-day visit.
inline std::optional<TimeOfDay> appointment_time(const Visit& visit, const Site* site) {
  if (visit.time) return visit.time;
  return site ? site->calendar.visit_time() : std::nullopt;
}

}  // namespace planner
