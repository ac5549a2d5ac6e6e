// Small hand-made USDM studies for the tests of the importer's parts: one arm, epoch, encounter and
// activity, one main timeline with the instances and timings given.
//   study({instance("I1", "A"), instance("I2", "B")},
//         {timing("T1", "Fixed Reference", "P1D", "I1", "I1"), timing("T2", "After", "P1W", "I2", "I1")})
#pragma once

#include <string>
#include <vector>

namespace planner::usdm::testing {

inline std::string instance(const std::string& id, const std::string& name, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "name": ")" + name +
         R"(", "instanceType": "ScheduledActivityInstance", "encounterId": "Enc1", "epochId": "Ep1", )"
         R"("activityIds": ["Act1"])" +
         extra + "}";
}

inline std::string timing(const std::string& id, const std::string& type, const std::string& value,
                          const std::string& from, const std::string& to, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "type": {"code": "C", "decode": ")" + type + R"("}, "value": ")" + value +
         R"(", "relativeFromScheduledInstanceId": ")" + from + R"(", "relativeToScheduledInstanceId": ")" + to +
         R"(", "relativeToFrom": {"decode": "Start to Start"})" + extra + "}";
}

inline std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ",\n      ") + p;
  return out;
}

inline std::string study(const std::vector<std::string>& instances, const std::vector<std::string>& timings,
                         const std::string& design_extra = "") {
  return R"({"usdmVersion": "4.0.0", "study": {"id": null, "name": "T", "versions": [{"id": "V1",
  "titles": [{"id": "T1", "text": "Test study", "type": {"decode": "Official Study Title"}}],
  "studyDesigns": [{"id": "D1",
    "arms": [{"id": "Arm1", "name": "A", "label": "Arm A"}],
    "epochs": [{"id": "Ep1", "name": "Treatment", "label": "Treatment"}],
    "encounters": [{"id": "Enc1", "name": "E1", "label": "Visit"}],
    "activities": [{"id": "Act1", "name": "Exam", "label": "Physical exam"}],)" +
         design_extra + R"(
    "scheduleTimelines": [{"id": "TL1", "name": "Main", "mainTimeline": true,
      "instances": [
      )" +
         joined(instances) + R"(],
      "timings": [
      )" +
         joined(timings) + "]}]}]}]}}\n";
}

}  // namespace planner::usdm::testing
