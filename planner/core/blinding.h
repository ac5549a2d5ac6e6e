// Blinding: who is masked to the allocation, who knows it, and what a participant is told of an activity.
//
// A protocol's [blinding] table (format 2, the Blinding of planner/core/protocol.h) names the masked roles
// (the ICH E9 / CDISC roles: participant, investigator, outcome assessor, care provider) and the roles that
// know the allocation (a preparer, a pharmacist). An activity's `participant_label` is what the participant
// is told or sees; its `label` (or its per-arm `arm_labels`) is the site's text.
//
//   Pittler 2003, double-blind: masking = ["participant", "investigator"], unblinded = ["preparer"].
//   The venepuncture reads "Venepuncture (whole blood for immediate re-injection)" for the site in arm ABT
//   and "Venepuncture (sham: blood drawn and discarded)" in arm SALINE; the participant of either arm reads
//   "Blood draw from a vein". A dose without a participant label reads "study treatment" to the participant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/protocol.h"

namespace planner {

std::string_view to_string(MaskedRole role);                         // "outcome assessor"
std::optional<MaskedRole> parse_masked_role(std::string_view text);  // "outcome assessor" -> outcome_assessor
std::vector<std::string_view> masked_role_names();                   // in enum order

// True when the protocol's [blinding] masks the participant: participant-facing output must not tell the arm.
bool participant_masked(const Protocol& protocol);

// The CDISC TS TBLIND term for the masking: "OPEN LABEL" (no role), "SINGLE BLIND" (one role), "DOUBLE BLIND"
// (two or more); empty when the protocol has no [blinding].
std::string blinding_schema(const Protocol& protocol);

// What the participant is told of activity `a`: its participant_label, else "study treatment" for a dose,
// else the site's label.
std::string participant_text(const Activity& a);

// The participant texts of visit `v` for `arm`, in the visit's order, joined with "; ".
std::string participant_visit_text(const Protocol& protocol, const Visit& v, std::string_view arm);

}  // namespace planner
