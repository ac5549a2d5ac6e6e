// Exporting a protocol as a CDISC USDM 4.0 study (JSON): the inverse of import.h, so that
// `planner import-usdm` of the export plans the same calendar as the protocol itself.
//
// Each planner concept goes to its USDM object, named by the planner id (`name`) and labelled by the label:
//
//   [[arm]] id = "SERUM"                 ->  StudyArm {name "SERUM", label "Autologous serum"}
//   [[epoch]] id = "TREAT"               ->  StudyEpoch {name "TREAT", ...}
//   [[activity]] id = "INJ"              ->  Activity {name "INJ", ...}
//   [[visit]] id = "W2", at = "P2W",     ->  Encounter {name "W2"} and, in the main timeline, a
//     window = { early = "P1D", ... }        ScheduledActivityInstance {name "W2", encounterId, epochId,
//                                            activityIds} timed by Timing {type After, value "P2W",
//                                            relativeTo the Day 1 instance, windowLower "P1D", windowUpper ...}
//   the visit at P0D from Day 1          ->  the Fixed Reference of the main timeline (value "P1D": Day 1)
//   after = "W8", at = "P2W"             ->  After P2W relative to W8's instance
//   [[event]] id = "DISC" and its        ->  a timeline of its own (entryCondition: the event's label) whose
//     visits (on = "DISC")                   Fixed Reference is the event (its visit at P0D, else an instance
//                                            named after the event with no encounter), and a Condition
//                                            applying to that timeline's instances
//   [[endpoint]] id = "EASI_W4",         ->  Objective {name "EASI_W4", level Primary Objective} with one
//     role = "primary"                       Endpoint {name "EASI_W4", level Primary Endpoint}; its activity,
//                                            visit, published, measure, source, assumed as extensions
//   [[constraint]], [[dosing_period]],   ->  an ExtensionAttribute of the design each (url ...:constraint,
//     [[stratum]], [blinding],               valueString the id), its keys as nested ExtensionAttributes
//     [published], [study] model and allocation
//   [study] model, [blinding] masking    ->  the design's model and blindingSchema codes too (for other systems)
//
// What USDM has no place for is kept in ExtensionAttributes whose url starts with kExtensionUrl (walk.h): an
// activity's kind, product, route, amount, instrument, arms, participant_label and arm_labels; a visit's arms,
// amount, SDTM VISITNUM, time of day and length; a conditional visit's `after` (USDM timings stay within their
// timeline). import.h reads
// them back. Ids are USDM-style (StudyArm_1, Timing_3...), numbered in protocol order, and the output is
// deterministic: the same protocol gives the same bytes.
#pragma once

#include <string>

#include "planner/core/protocol.h"

namespace planner {

// The USDM 4.0 JSON text (two-space indented, ending with a line feed).
std::string export_usdm(const Protocol& protocol);

}  // namespace planner
