// The Schedule of Activities (`planner soa`): visits as columns in planned order, activities as rows, an X
// where an activity happens.
//
//   ACTIVITY   WHAT                   SCR      W0     W1     ...  FU8
//   study day                         -27      1      8           57
//   week                              -4       0      1           8
//   window                            ±3d      ±0d     ±1d        ±3d
//   INJ        autologous serum, ...           X      X
//
// A dose whose amount the visit sets (Pittler 2003: 1-2-3-2-1 mL) shows that amount instead of the X. The
// read-out of an [[endpoint]] carries its role: "X (primary)" in the SASSAD row under W9.
// For one arm (`arm` given) only that arm's visits and activities are shown. Otherwise a mark means that
// some arm has the activity at that visit, arm-specific activities carry their arms ("INJ_SAL [SALINE]"),
// and a row "arms" appears when some visits are arm-specific. A format 2 protocol that gives visits a time of
// day or a length has a row "time" under the window ("09:30, 45 min"), and activities with a duration say it
// in WHAT.
//
// Blinded (`blind`, for participants): each row is what the participant is told (participant_text: the
// participant_label, else "study treatment" for a dose, else the label), activities told alike share one row
// (Nahm 2023's serum draw and its saline arm's sham draw: "Blood draw from a vein"), the WHAT column gives the
// kind only, a dose's cell is "X" (no amount), and there is no "arms" row: nothing names an arm or a product.
//
// The footnotes: one line per [[constraint]] of the shown arm(s), under the table ("* WASHOUT (washout):
// INJ at W0 at least 28 days after SERUM_DRAW at SCR"); blinded, the activities' participant texts.
#pragma once

#include <optional>
#include <string>

#include "planner/core/protocol.h"
#include "planner/io/write/text_table.h"

namespace planner {

TextTable soa_table(const Protocol& protocol, const std::optional<std::string>& arm, bool blind = false);
// The footnotes, each line "* ..." ending in a newline; "" for a protocol without constraints (for the arm).
std::string soa_footnotes(const Protocol& protocol, const std::optional<std::string>& arm, bool blind = false);

}  // namespace planner
