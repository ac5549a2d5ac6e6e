// Aligned plain-text tables for a terminal: columns padded to their widest cell (counted in characters,
// not bytes, so "±2 d" aligns like "+2 d"), separated by two spaces, trailing spaces trimmed.
//
//   TextTable t{{"VISIT", "DAY"}};
//   t.right_align(1);
//   t.add({"W0", "1"});
//   t.add({"FU8", "57"});
//   t.render() == "VISIT  DAY\nW0       1\nFU8     57\n"
#pragma once

#include <string>
#include <vector>

namespace planner {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header);

  void right_align(std::size_t column);
  void add(std::vector<std::string> row);  // as many cells as the header
  std::string render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

// Characters (UTF-8 code points) in `s`.
std::size_t display_width(const std::string& s);

}  // namespace planner
