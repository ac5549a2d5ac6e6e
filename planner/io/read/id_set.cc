#include "planner/io/read/id_set.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace planner {

std::uint64_t IdSet::default_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

namespace {

std::size_t offset(std::uint32_t entry) { return (std::size_t{entry} - 1) * 4; }

// The bytes of an entry in ids_ for an id of `length` bytes: line, length, the id, padding to 4.
std::size_t entry_bytes(std::size_t length) { return (8 + length + 3) / 4 * 4; }

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

std::uint32_t IdSet::add(std::string_view id, int line) {
  if (ids_.size() / 4 + 1 > UINT32_MAX) throw std::length_error{"IdSet: more than 16 GiB of ids"};
  const auto entry = static_cast<std::uint32_t>(ids_.size() / 4 + 1);
  const std::size_t start = ids_.size();
  const std::int32_t l = line;
  const auto length = static_cast<std::uint32_t>(id.size());
  ids_.append(reinterpret_cast<const char*>(&l), 4).append(reinterpret_cast<const char*>(&length), 4).append(id);
  ids_.resize(start + entry_bytes(id.size()), '\0');
  ++count_;
  return entry;
}

int IdSet::insert(std::string_view id, int line) {
  if (slots_.empty()) {  // in order so far
    if (last_ == 0 || id_at(last_) < id) {
      last_ = add(id, line);
      return 0;
    }
    if (id_at(last_) == id) return line_at(last_);
    build();
  }
  if (2 * (count_ + 1) > slots_.size()) grow();
  const auto h = static_cast<std::uint32_t>(hash_(id));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.entry == 0) {
      slot = {h, add(id, line)};
      return 0;
    }
    if (slot.hash == h && id_at(slot.entry) == id) return line_at(slot.entry);
  }
}

void IdSet::place(Slot slot) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = slot.hash & mask;
  while (slots_[i].entry != 0) i = (i + 1) & mask;
  slots_[i] = slot;
}

void IdSet::build() {
  std::size_t slots = 1024;
  while (slots < 2 * std::max(count_ + 1, expected_)) slots *= 2;
  slots_.resize(slots);
  for (std::size_t at = 0; at < ids_.size();) {
    const auto entry = static_cast<std::uint32_t>(at / 4 + 1);
    const std::string_view id = id_at(entry);
    place({static_cast<std::uint32_t>(hash_(id)), entry});
    at += entry_bytes(id.size());
  }
}

void IdSet::grow() { rehash(2 * slots_.size()); }

void IdSet::reserve(std::size_t ids, std::size_t length) {
  expected_ = std::max(expected_, ids);
  if (!slots_.empty()) {
    std::size_t slots = slots_.size();
    while (slots < 2 * ids) slots *= 2;
    if (slots > slots_.size()) rehash(slots);
  }
  ids_.reserve(ids * entry_bytes(length));
}

void IdSet::rehash(std::size_t slots) {
  std::vector<Slot> old(slots);
  old.swap(slots_);
  for (const Slot& s : old)
    if (s.entry != 0) place(s);
}

}  // namespace planner
