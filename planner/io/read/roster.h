// Rosters: who is in the trial, in which arm, at which site, and their Day 1, as CSV
//
//   subject,arm,site,day1
//   S001,SERUM,KR01,2026-01-05
//
// A header row is required; its columns may come in any order and any case (`Subject,Arm,Site,Day1`), and
// extra columns are ignored. An optional `stratum` column names each subject's stratum (a [[stratum]] id of the
// protocol that applies to the subject's arm; empty: none); an unknown stratum (with "did you mean"), or one
// that does not apply to the arm, is an InputError naming file:line:col. The site column may be left out when no sites
// file is given (every site is then empty). Quoted fields, CRLF line ends, a UTF-8 byte-order mark and ';' between
// fields (a header with ';' and no ',': the CSV of a European Excel) are accepted. An unknown arm or site, a bad date,
// an empty subject id or a subject listed twice is an InputError naming file:line. Blank lines are skipped.
//
// RosterReader streams: it holds one row at a time, and each subject id once (IdSet, to find duplicates),
// so a roster of millions of subjects is planned in memory that grows only with the ids. The file is
// read once: a roster can come from a pipe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"

namespace planner {

class RosterReader {
 public:
  // `sites`: when given, every row's site must be one of them (the index is then reported by next()).
  RosterReader(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites);
  // Reads `text` as if it were a file named `name` (tests, small inputs).
  RosterReader(std::string name, std::string text, const Protocol& protocol, const std::vector<Site>* sites);
  ~RosterReader();

  // The next subject, or false at the end of the file. `site` is the index of the row's site in `sites`
  // (0 when no sites were given).
  bool next(Subject& subject, std::size_t& site);
  int line() const;          // of the row last returned
  bool has_stratum() const;  // the header has a stratum column (outputs then carry it)
  const std::string& path() const;
  // Bytes of the file read so far (safe to ask from another thread), and the file's size when it is a
  // regular file (nullopt for a pipe): what a progress bar needs, without reading the file again.
  std::size_t bytes_read() const;
  std::optional<std::uint64_t> size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole roster in memory (for small rosters: checks, analysis windows).
std::vector<Subject> load_roster(const std::string& path, const Protocol& protocol,
                                 const std::vector<Site>* sites = nullptr);
// The same, from `text` named `name` in messages.
std::vector<Subject> parse_roster(std::string text, const std::string& name, const Protocol& protocol,
                                  const std::vector<Site>* sites = nullptr);

}  // namespace planner
