// The ids seen so far in a file (the subjects of a roster), to find one listed twice and say where it
// was first: ids are found through their 64-bit hashes and always compared in full, so two ids that
// share a hash are still two subjects.
//
//   IdSet seen;
//   seen.insert("S001", 2)  == 0      // new
//   seen.insert("S002", 3)  == 0
//   seen.insert("S001", 9)  == 2      // listed before, at line 2
//
// Ids in increasing order (most rosters are sorted by subject) need no hash table: an id greater than the one
// before is new, one equal to it is the one before. The table is built from the ids kept so far at the first id
// out of order, and used from then on.
//
// Memory: the ids, each with 8 bytes, rounded up to 4 (a roster of 10^6 8-character ids: 16 MiB); once an id
// comes out of order, 8 bytes a slot at most half full as well (16 to 32 bytes an id: 16 MiB more for 10^6,
// ten million 10-character ids about 400 MB in all). The hash can be replaced (tests force collisions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

class IdSet {
 public:
  using Hash = std::uint64_t (*)(std::string_view);
  static std::uint64_t default_hash(std::string_view id);

  explicit IdSet(Hash hash = default_hash) : hash_{hash} {}

  // 0 when `id` is new (it is added, with `line`), otherwise the line it was first added with.
  int insert(std::string_view id, int line);
  // Room for about `ids` ids of `length` bytes without growing (growing moves every slot, a cache miss each).
  void reserve(std::size_t ids, std::size_t length);
  // Whether every id so far came in increasing order (no hash table yet).
  bool in_order() const { return slots_.empty(); }
  std::size_t size() const { return count_; }

 private:
  struct Slot {
    std::uint32_t hash = 0;   // the hash's low 32 bits (a table has fewer than 2^32 slots)
    std::uint32_t entry = 0;  // 1 + the offset of the entry in ids_ / 4; 0 for an empty slot
  };
  std::string_view id_at(std::uint32_t entry) const;
  int line_at(std::uint32_t entry) const;
  std::uint32_t add(std::string_view id, int line);  // to ids_: its entry
  void place(Slot slot);                             // in slots_, which has room
  void build();                                      // slots_ from ids_ (the first id out of order)
  void grow();
  void rehash(std::size_t slots);  // a power of two

  Hash hash_;
  std::vector<Slot> slots_;
  std::string ids_;  // entries one after the other: line (4 bytes), length (4 bytes), the id's bytes, padding to 4
  std::size_t count_ = 0;
  std::uint32_t last_ = 0;    // in order: the entry of the last id (0: none yet)
  std::size_t expected_ = 0;  // reserve()'s ids: the table's size when it is built
};

}  // namespace planner
