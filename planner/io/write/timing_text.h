// How protocol timing and activities read in reports (show, soa, protocols, calendars, cards): the one place
// these phrases are worded.
//
//   week_text(Days{56})             == "8"        week_text(Days{24}) == "3+3d"   week_text(Days{-28}) == "-4"
//   window_text(±1 day window)      == "±1d"      window_text(14 days early, 7 late) == "[-14d,+7d]"
//                                                  (months: "[-P1M,+P1M]"; never starts like a formula)
//   timing_text(W8 at P8W)          == "P8W after Day 1"
//   timing_text(SCR at -P2W)        == "P2W before Day 1"
//   timing_text(FU at P7D after W3) == "P7D after W3"
//   timing_text(AEFU at P14D on AE) == "P14D after AE"     (a conditional visit: from its event's date)
//   timing_text(ET at P0D on DISC)  == "on DISC"
//   timing_text(RET at P24W after BL on DISC) == "P24W after BL, on DISC"
//   activity_text(dose)             == "autologous serum, 5 mL, intramuscular"
//   activity_text(assessment)       == "EASI (primary)"      (with a duration of PT30M: "EASI (primary), 30 min")
//   visit_time_text(V1 at 09:30, SCORE PT30M + INJ PT15M)  == "09:30, 45 min"
//   visit_time_text(V1 without time, INJ PT15M for arm A, nothing for arm B) == "15 min" ("" for arm B)
//   visit_activities_text(W0: IgG injection 5 mL, blood draw)        == "IgG injection 5 mL; Venous blood draw"
//   visit_activities_text(the same, blind)                           == "study treatment; Venous blood draw"
//   (with participant_label = "Blood draw from a vein" on the draw: "study treatment; Blood draw from a vein")
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"

namespace planner {

std::string week_text(Days offset);
std::string window_text(const Window& window);
std::string timing_text(const Protocol& protocol, const Visit& visit);
// The study day of a visit anchored on Day 1 ("-" for chained, conditional or month-based visits).
std::string study_day_text(const Protocol& protocol, std::size_t visit);
// The week of a visit anchored on Day 1 ("-" otherwise).
std::string visit_week_text(const Protocol& protocol, std::size_t visit);
// What an activity is: a dose's product, amount ("amount set per visit" when visits override it, "amount
// not stated" when none is given) and route; an assessment's instrument and role; otherwise its label.
// `activity` must be an element of protocol.activities.
std::string activity_text(const Protocol& protocol, const Activity& activity);
// When a visit starts and how long it takes (format 2; site defaults aside): its own time, and its length for
// `arm` (for every arm it applies to when nullopt: "30-45 min" when they differ). "" when it gives neither.
std::string visit_time_text(const Protocol& protocol, const Visit& visit,
                            const std::optional<std::string>& arm = std::nullopt);
// What happens at a visit for `arm`, as a participant's calendar (ical.h) and card (report.h) say it: each
// activity's site label for the arm (its arm_labels entry or label; the reader gives it the id when the file
// has none), a dose with its amount; with `blind`, each activity's participant text (core/blinding.h: its
// participant_label, else "study treatment" for a dose, else its label), with no product, amount or arm.
// Activities joined with "; ".
std::string visit_activities_text(const Protocol& protocol, const Visit& visit, const std::string& arm, bool blind);
// How often and where a dosing period doses: "daily at home", "every 3 days at the site"; with an amount for
// one arm: "81 mg daily at home".
std::string period_cadence_text(const DosingPeriod& period, const std::optional<Amount>& amount = std::nullopt);
// "all" for an empty list, otherwise the ids joined with '/'.
std::string arms_text(const std::vector<std::string>& arms);

}  // namespace planner
