#include "planner/io/interop/sdtm/transport.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "planner/core/error.h"
#include "planner/io/interop/sdtm/variables.h"
#include "planner/io/interop/sdtm/xport.h"
#include "planner/io/module.h"
#include "planner/io/source_text.h"
#include "planner/io/write/html.h"

namespace planner {
namespace {

std::string iso_time(date::sys_seconds t) { return date::format("%Y-%m-%dT%H:%M:%S", t); }

// The longest value of column `c`, in bytes; at least 1 (SAS has no text variable of length 0).
std::size_t longest(const TextTable& table, std::size_t c) {
  std::size_t n = 1;
  for (const auto& row : table.rows) n = std::max(n, row[c].size());
  return n;
}

// ---- define.xml -------------------------------------------------------------------------------------------

std::string_view define_type(SdtmType type) {
  switch (type) {
    case SdtmType::integer: return "integer";
    case SdtmType::decimal: return "float";
    case SdtmType::text: break;
  }
  return "text";
}

std::string item_oid(std::string_view domain, std::string_view variable) {
  return "IT." + std::string{domain} + "." + std::string{variable};
}

// 1-based position of `variable` among the dataset's keys, 0 when it is not one.
std::size_t key_sequence(const SdtmDataset& d, std::string_view variable) {
  const auto at = std::find(d.keys.begin(), d.keys.end(), variable);
  return at == d.keys.end() ? 0 : static_cast<std::size_t>(at - d.keys.begin()) + 1;
}

std::string translated(std::string_view text) {
  return "<Description><TranslatedText xml:lang=\"en\">" + html_escape(text) + "</TranslatedText></Description>";
}

void append_item_group(std::string& out, const SdtmDefined& defined) {
  const SdtmDataset& d = sdtm_dataset(defined.domain);
  std::string file{d.name};
  std::transform(file.begin(), file.end(), file.begin(), [](char c) { return static_cast<char>(c - 'A' + 'a'); });
  const std::string name{d.name};
  out += "    <ItemGroupDef OID=\"IG." + name + "\" Name=\"" + name + "\" Domain=\"" + name + "\" Repeating=\"" +
         (d.name == "SV" ? "Yes" : "No") + "\" IsReferenceData=\"" + (d.reference_data ? "Yes" : "No") +
         "\" SASDatasetName=\"" + name + "\" def:Structure=\"" + html_escape(d.structure) +
         "\" Purpose=\"Tabulation\" def:StandardOID=\"STD.SDTMIG\" def:ArchiveLocationID=\"LF." + name + "\">\n";
  out += "      " + translated(d.label) + "\n";
  for (std::size_t c = 0; c < defined.table.header.size(); ++c) {
    const std::string& variable = defined.table.header[c];
    const std::size_t key = key_sequence(d, variable);
    out += "      <ItemRef ItemOID=\"" + item_oid(d.name, variable) + "\" Mandatory=\"" +
           (key > 0 || variable == "DOMAIN" ? "Yes" : "No") + "\" OrderNumber=\"" + std::to_string(c + 1) + "\"" +
           (key > 0 ? " KeySequence=\"" + std::to_string(key) + "\"" : "") + " Role=\"" +
           std::string{sdtm_variable(variable).role} + "\"/>\n";
  }
  out += "      <def:Class Name=\"" + std::string{d.sdtm_class} + "\"/>\n";
  out += "      <def:leaf ID=\"LF." + name + "\" xlink:href=\"" + file + ".xpt\"><def:title>" + file +
         ".xpt</def:title></def:leaf>\n";
  out += "    </ItemGroupDef>\n";
}

void append_item_defs(std::string& out, const SdtmDefined& defined) {
  for (std::size_t c = 0; c < defined.table.header.size(); ++c) {
    const SdtmVariable& v = sdtm_variable(defined.table.header[c]);
    const std::size_t length = v.type == SdtmType::text ? longest(defined.table, c) : 8;
    out += "    <ItemDef OID=\"" + item_oid(defined.domain, v.name) + "\" Name=\"" + std::string{v.name} +
           "\" DataType=\"" + std::string{define_type(v.type)} + "\" Length=\"" + std::to_string(length) +
           "\" SASFieldName=\"" + std::string{v.name} + "\">\n";
    out += "      " + translated(v.label) + "\n";
    out += "      <def:Origin Type=\"Assigned\" Source=\"Sponsor\"/>\n";
    out += "    </ItemDef>\n";
  }
}

}  // namespace

std::string sdtm_xpt(std::string_view domain, const TextTable& table, const SdtmExport& info) {
  const SdtmDataset& dataset = sdtm_dataset(domain);
  XportDataset member{std::string{dataset.name},
                      std::string{dataset.label},
                      std::chrono::system_clock::to_time_t(info.created),
                      {}};
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const SdtmVariable& v = sdtm_variable(table.header[c]);
    const bool text = v.type == SdtmType::text;
    const std::size_t width = text ? longest(table, c) : 8;
    if (text && width > 200) {
      const auto row = std::find_if(table.rows.begin(), table.rows.end(),
                                    [&](const auto& r) { return r[c].size() > 200; });
      throw InputError{"planner: error: SAS transport version 5 holds text of at most 200 bytes; " +
                       std::string{domain} + "." + std::string{v.name} + " of row " +
                       std::to_string(row - table.rows.begin() + 1) + " has " + std::to_string(row->at(c).size()) +
                       " (" + quoted((*row)[c], 40) + "): write it as --format csv or json, which have no such limit"};
    }
    member.variables.push_back({std::string{v.name}, std::string{v.label}, text, width});
  }
  static const XportLibrary& xpt = module_library<XportLibrary>("xpt", "--format xpt");
  return xpt.write(member, table.rows);
}

std::string sdtm_dataset_json(std::string_view domain, const TextTable& table, const SdtmExport& info) {
  const SdtmDataset& dataset = sdtm_dataset(domain);
  const std::string name{dataset.name};
  nlohmann::ordered_json j;
  j["datasetJSONCreationDateTime"] = iso_time(info.created);
  j["datasetJSONVersion"] = "1.1.0";
  j["fileOID"] = "planner/" + info.studyid + "/" + name;
  j["originator"] = "planner";
  j["sourceSystem"] = {{"name", "planner"}, {"version", PLANNER_VERSION}};
  j["studyOID"] = info.studyid;
  j["metaDataVersionOID"] = "MDV." + info.studyid;
  j["metaDataRef"] = "define.xml";
  j["itemGroupOID"] = "IG." + name;
  j["records"] = table.rows.size();
  j["name"] = name;
  j["label"] = dataset.label;
  std::vector<const SdtmVariable*> described;
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const SdtmVariable& v = sdtm_variable(table.header[c]);
    described.push_back(&v);
    nlohmann::ordered_json column{{"itemOID", item_oid(name, v.name)},
                                  {"name", v.name},
                                  {"label", v.label},
                                  {"dataType", v.type == SdtmType::text      ? "string"
                                               : v.type == SdtmType::integer ? "integer"
                                                                             : "double"}};
    if (v.type == SdtmType::text) column["length"] = longest(table, c);
    if (const std::size_t key = key_sequence(dataset, v.name)) column["keySequence"] = key;
    columns.push_back(std::move(column));
  }
  j["columns"] = std::move(columns);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json r = nlohmann::ordered_json::array();
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (described[c]->type == SdtmType::text) {
        r.push_back(row[c]);
      } else if (const auto value = numeric_cell(row[c], described[c]->name)) {
        if (described[c]->type == SdtmType::integer)
          r.push_back(static_cast<long long>(*value));
        else
          r.push_back(*value);
      } else {
        r.push_back(nullptr);
      }
    }
    rows.push_back(std::move(r));
  }
  j["rows"] = std::move(rows);
  return j.dump() + "\n";
}

std::string sdtm_define_xml(const std::vector<SdtmDefined>& datasets, const SdtmExport& info) {
  const std::string study = html_escape(info.studyid);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
      "xmlns:def=\"http://www.cdisc.org/ns/def/v2.1\" ODMVersion=\"1.3.2\" FileOID=\"planner/" +
      study + "/define\" FileType=\"Snapshot\" CreationDateTime=\"" + iso_time(info.created) +
      "\" Originator=\"planner\" SourceSystem=\"planner\" SourceSystemVersion=\"" PLANNER_VERSION
      "\" def:Context=\"Other\">\n"
      "<Study OID=\"" +
      study + "\">\n  <GlobalVariables>\n    <StudyName>" + study + "</StudyName>\n    <StudyDescription>" +
      html_escape(info.study_title.empty() ? info.studyid : info.study_title) +
      "</StudyDescription>\n    <ProtocolName>" + study + "</ProtocolName>\n  </GlobalVariables>\n" +
      "  <MetaDataVersion OID=\"MDV." + study + "\" Name=\"" + study +
      " SDTM data definitions (planner)\" def:DefineVersion=\"2.1.0\">\n"
      "    <def:Standards>\n"
      "      <def:Standard OID=\"STD.SDTMIG\" Name=\"SDTMIG\" Type=\"IG\" Version=\"3.3\" Status=\"Final\"/>\n"
      "    </def:Standards>\n";
  for (const SdtmDefined& d : datasets) append_item_group(out, d);
  for (const SdtmDefined& d : datasets) append_item_defs(out, d);
  out += "  </MetaDataVersion>\n</Study>\n</ODM>\n";
  return out;
}

}  // namespace planner
