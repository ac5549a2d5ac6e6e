// A subject on a calendar: who, in which arm, at which site, and their Day 1.
#pragma once

#include <string>

#include "planner/core/date.h"

namespace planner {

struct Subject {
  std::string id;  // may be empty for a protocol-level calendar
  std::string arm;
  std::string site;  // may be empty
  Date day1;
};

}  // namespace planner
