// A subject on a calendar: who, in which arm, at which site, and their Day 1; with a roster that says so, the
// stratum they belong to (a Protocol::strata id: Bajaj 2008's "ASST+").
#pragma once

#include <string>

#include "planner/core/date.h"

namespace planner {

struct Subject {
  std::string id;  // may be empty for a protocol-level calendar
  std::string arm;
  std::string site;  // may be empty
  Date day1;
  std::string stratum;  // may be empty (no stratum column, or none given)
};

}  // namespace planner
