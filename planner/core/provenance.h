// Where a value comes from: a published source, or the reason it had to be assumed. Either may be empty;
// a protocol file must give at least one for the values that need provenance.
//   source = "adqscibc.csv AWRANGE 2-84, AWTARGET 56"          ->  Provenance{source, ""}
//   assumed = "the sponsor's usual window"                      ->  Provenance{"", assumed}
#pragma once

#include <string>

namespace planner {

struct Provenance {
  std::string source;
  std::string assumed;
  bool empty() const { return source.empty() && assumed.empty(); }
};

}  // namespace planner
