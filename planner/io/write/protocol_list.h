// The list of protocols (`planner protocols`): one row per protocol, sorted by id.
//
//   ID                              CONDITION          ARMS        DOSES  LAST VISIT
//   choi2024-autologous-serum-ad    atopic dermatitis  ASIM            5  week 8
//   nahm2023-autologous-serum-ad    atopic dermatitis  SERUM/SALINE  8/8  week 8
//
// DOSES is the number of dose visits of each arm, joined with '/' in the order of ARMS. LAST VISIT is the
// week of the latest visit (nominal, from Day 1); per arm, joined with '/', only when the arms differ.
#pragma once

#include <vector>

#include "planner/core/protocol.h"
#include "planner/io/write/text_table.h"

namespace planner {

TextTable protocols_table(std::vector<const Protocol*> protocols);

}  // namespace planner
