// planner ids made from USDM names: 1..max characters of A-Z a-z 0-9 _ . -, unique within their kind.
//
// sanitize_id() rewrites one name: each run of characters outside A-Z a-z 0-9 _ . - (with the _ . - next
// to them) becomes one '-' when it holds a '-', '_' otherwise; '_' is trimmed from both ends; the result is
// cut to `max` characters (and trimmed again). It may be empty.
//   sanitize_id("Vital signs / Temperature", 32) == "Vital_signs_Temperature"
//   sanitize_id("CDISC PILOT - LZZT", 64)        == "CDISC_PILOT-LZZT"
//   sanitize_id("CIBIC+", 32) == "CIBIC",  sanitize_id("NPI-X", 32) == "NPI-X",  sanitize_id("++", 32) == ""
//
// IdMaker hands out the ids of one kind (arms, visits...): the sanitized name, else the sanitized fallback
// (the USDM id), else "X"; a taken id gets the first free suffix _2, _3...
//   IdMaker visits;  visits.make("Visit / 1", "I1") == "Visit_1"
//                    visits.make("Visit 1", "I2")   == "Visit_1_2"
//                    visits.make("", "I3")          == "I3"
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace planner::usdm {

std::string sanitize_id(std::string_view text, std::size_t max);

class IdMaker {
 public:
  explicit IdMaker(std::size_t max = 32) : max_{max} {}
  std::string make(std::string_view preferred, std::string_view fallback);

 private:
  std::size_t max_;
  std::set<std::string> taken_;
  std::map<std::string, int> next_;  // base -> the suffix to try first
};

}  // namespace planner::usdm
