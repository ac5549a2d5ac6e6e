#include "planner/core/trial_summary.h"

#include <algorithm>
#include <array>
#include <utility>

namespace planner {
namespace {

using Parameter = std::pair<std::string_view, std::string_view>;

// Sorted by code.
constexpr std::array<Parameter, 46> kParameters{{
    {"ACTSUB", "Actual Number of Subjects"},
    {"ADAPT", "Adaptive Design"},
    {"ADDON", "Added on to Existing Treatments"},
    {"AGEMAX", "Planned Maximum Age of Subjects"},
    {"AGEMIN", "Planned Minimum Age of Subjects"},
    {"AGESPAN", "Age Group"},
    {"COMPTRT", "Comparative Treatment Name"},
    {"CURTRT", "Current Therapy or Treatment"},
    {"DCUTDESC", "Data Cutoff Description"},
    {"DCUTDTC", "Data Cutoff Date"},
    {"DOSE", "Dose per Administration"},
    {"DOSFRQ", "Dosing Frequency"},
    {"DOSU", "Dose Units"},
    {"EXTTIND", "Extension Trial Indicator"},
    {"FCNTRY", "Planned Country of Investigational Sites"},
    {"HLTSUBJI", "Healthy Subject Indicator"},
    {"INDIC", "Trial Indication"},
    {"INTMODEL", "Intervention Model"},
    {"INTTYPE", "Intervention Type"},
    {"LENGTH", "Trial Length"},
    {"NARMS", "Planned Number of Arms"},
    {"NCOHORT", "Number of Groups/Cohorts"},
    {"OBJEXP", "Trial Exploratory Objective"},
    {"OBJPRIM", "Trial Primary Objective"},
    {"OBJSEC", "Trial Secondary Objective"},
    {"OUTMSEXP", "Exploratory Outcome Measure"},
    {"OUTMSPRI", "Primary Outcome Measure"},
    {"OUTMSSEC", "Secondary Outcome Measure"},
    {"PCLAS", "Pharmacologic Class"},
    {"PLANSUB", "Planned Number of Subjects"},
    {"RANDOM", "Trial is Randomized"},
    {"REGID", "Registry Identifier"},
    {"ROUTE", "Route of Administration"},
    {"SENDTC", "Study End Date"},
    {"SEXPOP", "Sex of Participants"},
    {"SPONSOR", "Clinical Study Sponsor"},
    {"SSTDTC", "Study Start Date"},
    {"STYPE", "Study Type"},
    {"TBLIND", "Trial Blinding Schema"},
    {"TCNTRL", "Control Type"},
    {"TDIGRP", "Diagnosis Group"},
    {"TINDTP", "Trial Indication Type"},
    {"TITLE", "Trial Title"},
    {"TPHASE", "Trial Phase Classification"},
    {"TRT", "Investigational Therapy or Treatment"},
    {"TTYPE", "Trial Type"},
}};

}  // namespace

std::optional<std::string_view> ts_parameter_name(std::string_view code) {
  const auto* it = std::lower_bound(kParameters.begin(), kParameters.end(), code,
                                    [](const Parameter& p, std::string_view c) { return p.first < c; });
  if (it != kParameters.end() && it->first == code) return it->second;
  return std::nullopt;
}

std::vector<std::string_view> ts_parameter_codes() {
  std::vector<std::string_view> out;
  out.reserve(kParameters.size());
  for (const Parameter& p : kParameters) out.push_back(p.first);
  return out;
}

}  // namespace planner
