#include "planner/io/read/id_set.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace planner {

std::uint64_t IdSet::default_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

namespace {

std::size_t offset(std::uint32_t entry) { return (std::size_t{entry} - 1) * 4; }

}  // namespace

std::string_view IdSet::id_at(std::uint32_t entry) const {
  std::uint32_t length = 0;
  std::memcpy(&length, ids_.data() + offset(entry) + 4, 4);
  return std::string_view{ids_}.substr(offset(entry) + 8, length);
}

int IdSet::line_at(std::uint32_t entry) const {
  std::int32_t line = 0;
  std::memcpy(&line, ids_.data() + offset(entry), 4);
  return line;
}

int IdSet::insert(std::string_view id, int line) {
  if (2 * (count_ + 1) > slots_.size()) grow();
  const auto h = static_cast<std::uint32_t>(hash_(id));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.entry == 0) {
      if (ids_.size() / 4 + 1 > UINT32_MAX) throw std::length_error{"IdSet: more than 16 GiB of ids"};
      slot = {h, static_cast<std::uint32_t>(ids_.size() / 4 + 1)};
      const std::int32_t l = line;
      const auto length = static_cast<std::uint32_t>(id.size());
      ids_.append(reinterpret_cast<const char*>(&l), 4).append(reinterpret_cast<const char*>(&length), 4).append(id);
      ids_.resize((ids_.size() + 3) / 4 * 4, '\0');
      ++count_;
      return 0;
    }
    if (slot.hash == h && id_at(slot.entry) == id) return line_at(slot.entry);
  }
}

void IdSet::grow() {
  std::vector<Slot> bigger(slots_.empty() ? 1024 : 2 * slots_.size());
  const std::size_t mask = bigger.size() - 1;
  for (const Slot& s : slots_) {
    if (s.entry == 0) continue;
    std::size_t i = s.hash & mask;
    while (bigger[i].entry != 0) i = (i + 1) & mask;
    bigger[i] = s;
  }
  slots_.swap(bigger);
}

}  // namespace planner
