// A protocol as CDISC SDTM Trial Design datasets, and planned subject visits as SDTM rows (CSV, SDTMIG names).
//
//   TA  STUDYID,DOMAIN,ARMCD,ARM,TAETORD,ETCD,ELEMENT,TABRANCH,TATRANS,EPOCH
//       one row per arm and element, in time order (elements are derived: planner/core/trial_design.h).
//   TE  STUDYID,DOMAIN,ETCD,ELEMENT,TESTRL,TEENRL,TEDUR
//       TEDUR: from the element's first visit to the first visit of the next element (P2W); empty for an arm's
//       last element, which ends with its last visit.
//   TV  STUDYID,DOMAIN,VISITNUM,VISIT,VISITDY,ARMCD,ARM,TVSTRL,TVENRL
//       VISITNUM: the visits' `visitnum`, else 1, 2, 3... in time order. VISIT: the visit label.
//       VISITDY: the planned study day of the target under the SDTM convention (Day 1 = the anchor, no day 0;
//       Week 2 = day 15); empty for a visit timed in months. ARMCD/ARM: empty when every arm has the visit,
//       else one row per arm that has it. TVSTRL: the timing rule and window in words.
//   TS  STUDYID,DOMAIN,TSSEQ,TSPARMCD,TSPARM,TSVAL: TITLE, INDIC, REGID, INTMODEL, NARMS, TRT, COMPTRT,
//       ROUTE, DOSE, DOSU, LENGTH, OUTMSPRI/OUTMSSEC/OUTMSEXP, each when the protocol says it. LENGTH is the
//       planned length of participation, from the first visit (screening or run-in included) to the last,
//       as the CDISC pilot states it (P26W: 2 weeks of screening, 24 of treatment). OUTMS*: one row per
//       [[endpoint]] of that role, "label, measure at visit label" ("SASSAD, change from baseline at Week 9").
//   DM  the 25 variables of the CDISC pilot's DM (STUDYID,DOMAIN,USUBJID,SUBJID,RFSTDTC,RFENDTC,...,DMDY):
//       USUBJID, SITEID and ARMCD are the roster's; RFSTDTC is Day 1 and SUBJID the subject id, ARM the arm's
//       label, unless the input gives them. Every other variable (SEX, AGE, COUNTRY...) is what the input
//       gives in a column of that name (a roster's extra column, or the SDTM DM of --roster-sdtm), else empty:
//       planner never invents one.
//   SV  STUDYID,DOMAIN,USUBJID,VISITNUM,VISIT,VISITDY,EPOCH,SVSTDTC,SVENDTC,SVSTDY,SVENDY,SVPRESP,SVOCCUR
//       a roster's visits: SVSTDTC = SVENDTC = the proposed date, or the actual date of a visit that happened
//       (re-planned around a visit log); SVSTDY its study day; SVPRESP Y (every row is a protocol visit);
//       SVOCCUR Y for a visit that happened, empty for a proposed one (SDTMIG 3.4).
//
// SDTM datasets are data for SAS and R: every value is written exactly as it is (RFC 4180 quoting only), never
// altered by the spreadsheet formula guard of planner's other CSV outputs (a USUBJID "-A1" stays "-A1").
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/subject.h"
#include "planner/core/trial_design.h"
#include "planner/io/write/text_table.h"

namespace planner {

// "TA", "TE", "TV", "TS", "DM", "SV".
bool is_sdtm_domain(std::string_view domain);

// The trial design domain `domain` (TA, TE, TV or TS) of the protocol. InputError when some visits have a
// `visitnum` and others not (TV numbering would be ambiguous).
TextTable trial_design_table(const Protocol& protocol, std::string_view domain, const std::string& studyid);

// The DM variables taken from the input when it has them (any case), in the order of `dm_values` below.
inline constexpr std::array<std::string_view, 20> kDmGiven{"SUBJID",   "RFSTDTC",  "RFENDTC", "RFXSTDTC", "RFXENDTC",
                                                           "RFICDTC",  "RFPENDTC", "DTHDTC",  "DTHFL",    "AGE",
                                                           "AGEU",     "SEX",      "RACE",    "ETHNIC",   "ARM",
                                                           "ACTARMCD", "ACTARM",   "COUNTRY", "DMDTC",    "DMDY"};

// How every SDTM dataset is written as CSV: values unaltered.
inline constexpr CsvOptions kSdtmCsv{.formula_guard = false};

// DM and SV rows of planned subjects, made fast and thread-safe once constructed (like CalendarCsvWriter).
class SdtmSubjectWriter {
 public:
  SdtmSubjectWriter(const Protocol& protocol, std::string studyid);
  static std::string dm_header();
  static std::string sv_header();
  // `given`: the subject's values of kDmGiven (empty: none given).
  void append_dm(std::string& out, const Subject& subject, std::span<const std::string> given = {}) const;
  void append_sv(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits) const;

 private:
  const Protocol& protocol_;
  std::string studyid_;
  std::string sv_prefix_;                // STUDYID,SV, of every SV row
  std::vector<std::string> visit_text_;  // per visit: csv of VISITNUM,VISIT,VISITDY,EPOCH
};

}  // namespace planner
