#include "planner/core/site_calendar.h"

#include <algorithm>
#include <numeric>

namespace planner {

void SiteCalendar::close(Date day, const std::string& source) { close(std::vector<Date>{day}, source); }

void SiteCalendar::close(const std::vector<Date>& days, const std::string& source) {
  if (days.empty()) return;
  auto it = std::find(sources_.begin(), sources_.end(), source);
  if (it == sources_.end()) it = sources_.insert(sources_.end(), source);
  const auto index = static_cast<std::uint32_t>(it - sources_.begin());
  // Merge as (date, source) pairs; a stable sort keeps the dates closed earlier first among equals.
  std::vector<std::pair<Date, std::uint32_t>> all;
  all.reserve(closed_dates_.size() + days.size());
  for (std::size_t i = 0; i < closed_dates_.size(); ++i) all.emplace_back(closed_dates_[i], date_sources_[i]);
  for (const Date d : days) all.emplace_back(d, index);
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  all.erase(std::unique(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
            all.end());
  closed_dates_.resize(all.size());
  date_sources_.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) std::tie(closed_dates_[i], date_sources_[i]) = all[i];
  const auto span = static_cast<std::size_t>((closed_dates_.back() - closed_dates_.front()).count()) + 1;
  closed_bits_.assign((span + 63) / 64, 0);
  for (const Date d : closed_dates_) {
    const auto i = static_cast<std::size_t>((d - closed_dates_.front()).count());
    closed_bits_[i / 64] |= std::uint64_t{1} << (i % 64);
  }
}

bool SiteCalendar::is_open(Date day) const {
  if (is_closed(date::weekday{day})) return false;
  if (closed_dates_.empty() || day < closed_dates_.front() || day > closed_dates_.back()) return true;
  const auto i = static_cast<std::size_t>((day - closed_dates_.front()).count());
  return (closed_bits_[i / 64] >> (i % 64) & 1) == 0;
}

std::optional<Closure> SiteCalendar::closure(Date day) const {
  if (is_closed(date::weekday{day})) return Closure{Closure::Kind::weekday, {}};
  const auto it = std::lower_bound(closed_dates_.begin(), closed_dates_.end(), day);
  if (it == closed_dates_.end() || *it != day) return std::nullopt;
  return Closure{Closure::Kind::date, sources_[date_sources_[static_cast<std::size_t>(it - closed_dates_.begin())]]};
}

bool SiteCalendar::fits(Date day, std::optional<TimeOfDay> start, Minutes length) const {
  const auto h = hours(date::weekday{day});
  if (!h) return true;
  return start ? h->fits(*start, length) : length <= h->length();
}

}  // namespace planner
