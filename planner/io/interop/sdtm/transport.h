// SDTM datasets in the forms SAS and R read natively, and the define.xml that describes them. The cells are
// the ones planner's SDTM CSV holds (trial_design_table, SdtmSubjectWriter); these files add what the CSV
// cannot carry: each variable's type, label and length, the dataset's label, keys and structure
// (variables.h).
//
//   SAS transport (XPORT) version 5, written by ReadStat: one member named after the domain (TA) and labelled
//   with the dataset label (Trial Arms); a text variable is as long as its longest value in bytes (at least 1,
//   at most 200, the version 5 limit); a numeric one is an 8-byte double, an empty cell a missing value.
//     haven::read_xpt("ta.xpt"), pandas.read_sas("ta.xpt"), SAS: libname x xport "ta.xpt";
//   CDISC Dataset-JSON 1.1: {"datasetJSONCreationDateTime", "datasetJSONVersion": "1.1.0", "fileOID",
//   "originator": "planner", "sourceSystem", "studyOID", "metaDataVersionOID", "metaDataRef": "define.xml",
//   "itemGroupOID": "IG.TA", "records", "name", "label", "columns": [{"itemOID": "IT.TA.ARMCD", "name",
//   "label", "dataType", "length", "keySequence"}], "rows": [[...]]}; numbers as JSON numbers, an empty
//   numeric cell null.
//   define.xml 2.1 (ODM 1.3.2): one ItemGroupDef per dataset (keys, structure, class, the .xpt file it
//   describes) and one ItemDef per variable (type, length, label, origin).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/io/write/text_table.h"

namespace planner {

// What identifies the files of one export: the study, and when they were made (the creation time that XPT
// headers, Dataset-JSON and define.xml each record).
struct SdtmExport {
  std::string studyid;
  std::string study_title;
  date::sys_seconds created;
};

// `table` (the columns of a dataset of variables.h) as SAS transport version 5. InputError when a text value
// is longer than 200 bytes (naming the variable and the row, and the formats that have no such limit).
std::string sdtm_xpt(std::string_view domain, const TextTable& table, const SdtmExport& info);

// `table` as CDISC Dataset-JSON 1.1 (one line).
std::string sdtm_dataset_json(std::string_view domain, const TextTable& table, const SdtmExport& info);

// define.xml 2.1 describing `datasets` (domain, its table: the lengths are the longest values).
struct SdtmDefined {
  std::string domain;
  TextTable table;
};
std::string sdtm_define_xml(const std::vector<SdtmDefined>& datasets, const SdtmExport& info);

}  // namespace planner
