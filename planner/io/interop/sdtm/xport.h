// What ReadStat does for an SDTM dataset as SAS transport (XPT), behind an interface of planner's own: the
// planner-xpt module (xport.cc, linked with ReadStat, loaded when a command writes XPT: io/module.h)
// implements it; sdtm_xpt (transport.h) uses it. No ReadStat type crosses it, so the program itself never
// links ReadStat.
//
//   const auto& xpt = module_library<XportLibrary>("xpt", "--format xpt");
//   XportDataset ta{"TA", "Trial Arms", created, {{"STUDYID", "Study Identifier", true, 12},
//                                                 {"TAETORD", "Planned Order of Element within Arm", false, 8}}};
//   std::string bytes = xpt.write(ta, {{"CDISCPILOT01", "1"}, {"CDISCPILOT01", ""}});   // "" numeric: missing
#pragma once

#include <charconv>
#include <cstddef>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// A numeric cell of an SDTM dataset (XPT here, Dataset-JSON in transport.cc): nullopt when empty. The cells
// come from planner's own writers, so anything else is a bug.
inline std::optional<double> numeric_cell(std::string_view cell, std::string_view variable) {
  if (cell.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc{} || end != cell.data() + cell.size())
    throw std::logic_error{"SDTM " + std::string{variable} + " is not a number: " + std::string{cell}};
  return value;
}

struct XportVariable {
  std::string name;
  std::string label;
  bool text = true;       // else an 8-byte double
  std::size_t width = 8;  // bytes of a text variable (1 to 200)
};

// One member of a version 5 transport file.
struct XportDataset {
  std::string name;   // TA
  std::string label;  // Trial Arms
  std::time_t created = 0;
  std::vector<XportVariable> variables;
};

class XportLibrary {
 public:
  XportLibrary() = default;
  XportLibrary(const XportLibrary&) = delete;
  XportLibrary& operator=(const XportLibrary&) = delete;
  XportLibrary(XportLibrary&&) = delete;
  XportLibrary& operator=(XportLibrary&&) = delete;
  virtual ~XportLibrary() = default;

  // The transport file of `rows` (a cell per variable: text as it is, a number as its decimal text, ""
  // missing). std::logic_error when ReadStat fails or a numeric cell is not a number (planner's own cells:
  // a bug).
  virtual std::string write(const XportDataset& dataset, const std::vector<std::vector<std::string>>& rows) const = 0;
};

}  // namespace planner

// The module's entry (io/module.h).
extern "C" const planner::XportLibrary* planner_xpt_library();
