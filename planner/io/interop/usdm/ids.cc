#include "planner/io/interop/usdm/ids.h"

#include <algorithm>

namespace planner::usdm {
namespace {

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

void trim_underscores(std::string& s) {
  while (!s.empty() && s.back() == '_') s.pop_back();
  s.erase(0, std::min(s.find_first_not_of('_'), s.size()));
}

}  // namespace

std::string sanitize_id(std::string_view text, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (is_alnum(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    bool dash = false, foreign = false;
    for (; j < text.size() && !is_alnum(text[j]); ++j) {
      dash = dash || text[j] == '-';
      foreign = foreign || (text[j] != '-' && text[j] != '_' && text[j] != '.');
    }
    if (foreign)
      out += dash ? '-' : '_';
    else
      out += text.substr(i, j - i);
    i = j;
  }
  trim_underscores(out);
  if (out.size() > max) out.resize(max);
  trim_underscores(out);
  return out;
}

std::string IdMaker::make(std::string_view preferred, std::string_view fallback) {
  std::string base = sanitize_id(preferred, max_);
  if (base.empty()) base = sanitize_id(fallback, max_);
  if (base.empty()) base = "X";
  std::string id = base;
  // The first free of base, base_2, base_3...: ids are only ever taken, so the search for a base goes on
  // from where it last stopped (linear in all, not quadratic when thousands share a name).
  int& n = next_.try_emplace(base, 2).first->second;
  for (; taken_.count(id); ++n) {
    const std::string suffix = "_" + std::to_string(n);
    id = base.substr(0, std::min(base.size(), max_ - suffix.size())) + suffix;
  }
  taken_.insert(id);
  return id;
}

}  // namespace planner::usdm
