// Reading CDISC SDTM datasets (as CSV) for `planner check`:
//   DM: USUBJID, ARMCD, SITEID, RFSTDTC -> the roster (Day 1 = RFSTDTC, the date part of an ISO date-time).
//       Subjects without RFSTDTC or whose ARMCD is not a protocol arm (screen failures, "Scrnfail") have no
//       plan: they are returned apart, with the reason, and their visits are reported as not planned.
//   SV: USUBJID, VISITNUM, VISIT, SVSTDTC -> the visit log. VISITNUM is mapped to the protocol visit with that
//       `visitnum` (a protocol without visitnums: visits numbered 1, 2, 3... in time order, as `planner sdtm`
//       writes them); a VISITNUM with a fraction that no visit has is an unscheduled visit; any other is reported
//       under its VISIT name (not in the protocol).
// Malformed values (a bad date, a subject not in DM) are InputErrors naming file:line:col.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/subject.h"
#include "planner/core/visit_check.h"

namespace planner {

struct SdtmRoster {
  std::vector<Subject> planned;
  std::vector<std::pair<std::string, std::string>> unplanned;  // USUBJID, why
};

SdtmRoster load_sdtm_dm(const std::string& path, const Protocol& protocol);

// The DM variables of kDmGiven (planner/io/interop/sdtm/trial_design.h) that a roster or an SDTM DM gives, per
// subject: the subject is in column `id_column` ("subject" of a roster, "USUBJID" of a DM), the values in the
// columns of those names (any case); a roster's `arm` column is its ARMCD, never ARM. Empty when the file has
// none of them.
using DmValues = std::unordered_map<std::string, std::vector<std::string>>;
DmValues load_dm_values(const std::string& path, std::string_view id_column);
DmValues parse_dm_values(std::string text, const std::string& name, std::string_view id_column);
std::vector<ActualVisit> load_sdtm_sv(const std::string& path, const Protocol& protocol, const SdtmRoster& roster);
// The same from `text`, read as if it were a file named `name` (tests, fuzzing).
SdtmRoster parse_sdtm_dm(std::string text, const std::string& name, const Protocol& protocol);
std::vector<ActualVisit> parse_sdtm_sv(std::string text, const std::string& name, const Protocol& protocol,
                                       const SdtmRoster& roster);

}  // namespace planner
