#include "planner/io/interop/sdtm/variables.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace planner {
namespace {

using enum SdtmType;

// SDTMIG 3.3 labels (SVPRESP and SVOCCUR: 3.4); roles as in its domain tables.
constexpr std::array kVariables{
    SdtmVariable{"STUDYID", "Study Identifier", text, "Identifier"},
    SdtmVariable{"DOMAIN", "Domain Abbreviation", text, "Identifier"},
    SdtmVariable{"USUBJID", "Unique Subject Identifier", text, "Identifier"},
    SdtmVariable{"SUBJID", "Subject Identifier for the Study", text, "Topic"},
    SdtmVariable{"ARMCD", "Planned Arm Code", text, "Topic"},
    SdtmVariable{"ARM", "Description of Planned Arm", text, "Synonym Qualifier"},
    SdtmVariable{"TAETORD", "Planned Order of Element within Arm", integer, "Timing"},
    SdtmVariable{"ETCD", "Element Code", text, "Topic"},
    SdtmVariable{"ELEMENT", "Description of Element", text, "Synonym Qualifier"},
    SdtmVariable{"TABRANCH", "Branch", text, "Rule"},
    SdtmVariable{"TATRANS", "Transition Rule", text, "Rule"},
    SdtmVariable{"EPOCH", "Epoch", text, "Timing"},
    SdtmVariable{"TESTRL", "Rule for Start of Element", text, "Rule"},
    SdtmVariable{"TEENRL", "Rule for End of Element", text, "Rule"},
    SdtmVariable{"TEDUR", "Planned Duration of Element", text, "Timing"},
    SdtmVariable{"VISITNUM", "Visit Number", decimal, "Topic"},
    SdtmVariable{"VISIT", "Visit Name", text, "Synonym Qualifier"},
    SdtmVariable{"VISITDY", "Planned Study Day of Visit", integer, "Timing"},
    SdtmVariable{"TVSTRL", "Visit Start Rule", text, "Rule"},
    SdtmVariable{"TVENRL", "Visit End Rule", text, "Rule"},
    SdtmVariable{"TSSEQ", "Sequence Number", integer, "Identifier"},
    SdtmVariable{"TSGRPID", "Group ID", text, "Identifier"},
    SdtmVariable{"TSPARMCD", "Trial Summary Parameter Short Name", text, "Topic"},
    SdtmVariable{"TSPARM", "Trial Summary Parameter", text, "Synonym Qualifier"},
    SdtmVariable{"TSVAL", "Parameter Value", text, "Result Qualifier"},
    SdtmVariable{"TSVALNF", "Parameter Null Flavor", text, "Result Qualifier"},
    SdtmVariable{"TSVALCD", "Parameter Value Code", text, "Result Qualifier"},
    SdtmVariable{"TSVCDREF", "Name of the Reference Terminology", text, "Result Qualifier"},
    SdtmVariable{"TSVCDVER", "Version of the Reference Terminology", text, "Result Qualifier"},
    SdtmVariable{"RFSTDTC", "Subject Reference Start Date/Time", text, "Record Qualifier"},
    SdtmVariable{"RFENDTC", "Subject Reference End Date/Time", text, "Record Qualifier"},
    SdtmVariable{"RFXSTDTC", "Date/Time of First Study Treatment", text, "Record Qualifier"},
    SdtmVariable{"RFXENDTC", "Date/Time of Last Study Treatment", text, "Record Qualifier"},
    SdtmVariable{"RFICDTC", "Date/Time of Informed Consent", text, "Record Qualifier"},
    SdtmVariable{"RFPENDTC", "Date/Time of End of Participation", text, "Record Qualifier"},
    SdtmVariable{"DTHDTC", "Date/Time of Death", text, "Record Qualifier"},
    SdtmVariable{"DTHFL", "Subject Death Flag", text, "Record Qualifier"},
    SdtmVariable{"SITEID", "Study Site Identifier", text, "Record Qualifier"},
    SdtmVariable{"AGE", "Age", integer, "Record Qualifier"},
    SdtmVariable{"AGEU", "Age Units", text, "Variable Qualifier"},
    SdtmVariable{"SEX", "Sex", text, "Record Qualifier"},
    SdtmVariable{"RACE", "Race", text, "Record Qualifier"},
    SdtmVariable{"ETHNIC", "Ethnicity", text, "Record Qualifier"},
    SdtmVariable{"ACTARMCD", "Actual Arm Code", text, "Record Qualifier"},
    SdtmVariable{"ACTARM", "Description of Actual Arm", text, "Synonym Qualifier"},
    SdtmVariable{"COUNTRY", "Country", text, "Record Qualifier"},
    SdtmVariable{"DMDTC", "Date/Time of Collection", text, "Timing"},
    SdtmVariable{"DMDY", "Study Day of Collection", integer, "Timing"},
    SdtmVariable{"SVSTDTC", "Start Date/Time of Visit", text, "Timing"},
    SdtmVariable{"SVENDTC", "End Date/Time of Visit", text, "Timing"},
    SdtmVariable{"SVSTDY", "Study Day of Start of Visit", integer, "Timing"},
    SdtmVariable{"SVENDY", "Study Day of End of Visit", integer, "Timing"},
    SdtmVariable{"SVUPDES", "Description of Unplanned Visit", text, "Record Qualifier"},
    SdtmVariable{"SVPRESP", "Pre-specified", text, "Variable Qualifier"},
    SdtmVariable{"SVOCCUR", "Occurrence", text, "Record Qualifier"},
};

const std::vector<SdtmDataset>& datasets() {
  static const std::vector<SdtmDataset> all{
      {"TA",
       "Trial Arms",
       "One record per planned Element per Arm",
       "TRIAL DESIGN",
       {"STUDYID", "ARMCD", "TAETORD"},
       true},
      {"TE", "Trial Elements", "One record per planned Element", "TRIAL DESIGN", {"STUDYID", "ETCD"}, true},
      {"TV",
       "Trial Visits",
       "One record per planned Visit per Arm",
       "TRIAL DESIGN",
       {"STUDYID", "VISITNUM", "ARMCD"},
       true},
      {"TS",
       "Trial Summary",
       "One record per trial summary parameter value",
       "TRIAL DESIGN",
       {"STUDYID", "TSPARMCD", "TSSEQ"},
       true},
      {"DM", "Demographics", "One record per subject", "SPECIAL PURPOSE", {"STUDYID", "USUBJID"}, false},
      {"SV",
       "Subject Visits",
       "One record per actual or planned visit per subject",
       "SPECIAL PURPOSE",
       {"STUDYID", "USUBJID", "VISITNUM"},
       false},
  };
  return all;
}

// The entry of `all` named `name`; std::logic_error naming `what` otherwise.
template <typename Range>
const auto& named(const Range& all, std::string_view name, std::string_view what) {
  const auto found = std::find_if(std::begin(all), std::end(all), [&](const auto& x) { return x.name == name; });
  if (found == std::end(all))
    throw std::logic_error{"no description of the SDTM " + std::string{what} + " " + std::string{name}};
  return *found;
}

}  // namespace

const SdtmVariable& sdtm_variable(std::string_view name) { return named(kVariables, name, "variable"); }

const SdtmDataset& sdtm_dataset(std::string_view domain) { return named(datasets(), domain, "dataset"); }

}  // namespace planner
