// Generated inputs of size n for the scaling benchmarks (scaling_bench.cc) and for timing the CLI by hand
// (planner_gen_scaling): nothing large is committed, every input is built from n.
//
//   chain_protocol(3)      visits V0 (Day 1), V1 after V0, V2 after V1: each chained to the one before
//   flat_protocol(3)       visits V0, V1, V2 at days 1, 2, 3 (a dose every 7th), overlapping windows
//   usdm_chain(3)          USDM instances I0 (Fixed Reference), I1 After P1D relative to I0, I2 after I1
//   usdm_shared(3)         USDM instances I0..I2, all of the one encounter Enc1, each After P{i}D of I0
//   wide_csv(3)            a roster header subject,arm,c0,c1,c2 and one row
#pragma once

#include <string>

namespace planner::bench {

inline std::string protocol_head() {
  return R"(format = 1
[study]
id = "scaling"
[anchor]
event = "first dose"
[[arm]]
id = "A"
source = "generated"
[[epoch]]
id = "tx"
[[activity]]
id = "INJ"
kind = "dose"
product = "serum"
route = "intramuscular"
source = "generated"
[[activity]]
id = "Q"
kind = "assessment"
instrument = "EASI"
)";
}

// Visit i is chained to visit i-1, one day later every 100 visits (so 10^5 visits stay within the
// supported dates), each with a window of one day either side.
inline std::string chain_protocol(long n) {
  std::string out = protocol_head();
  for (long i = 0; i < n; ++i) {
    const std::string id = "V" + std::to_string(i);
    out += "[[visit]]\nid = \"" + id + "\"\nlabel = \"" + id + "\"\nepoch = \"tx\"\n";
    if (i == 0)
      out += "at = \"P0D\"\n";
    else
      out += "after = \"V" + std::to_string(i - 1) + "\"\nat = \"P" + (i % 100 == 0 ? "1" : "0") + "D\"\n";
    out += "window = { early = \"P1D\", late = \"P1D\" }\nactivities = [\"" + std::string{i % 7 ? "Q" : "INJ"} +
           "\"]\nsource = \"generated\"\n";
  }
  return out;
}

// Visit i at study day i/4 + 1 with a window of two days either side: every window overlaps the next one.
inline std::string flat_protocol(long n) {
  std::string out = protocol_head() + "[dosing]\nmin_gap = \"P3D\"\nsource = \"generated\"\n";
  for (long i = 0; i < n; ++i) {
    const std::string id = "V" + std::to_string(i);
    out += "[[visit]]\nid = \"" + id + "\"\nlabel = \"" + id + "\"\nepoch = \"tx\"\nat = \"P" + std::to_string(i / 4) +
           "D\"\nwindow = { early = \"P2D\", late = \"P2D\" }\nactivities = [\"" + std::string{i % 7 ? "Q" : "INJ"} +
           "\"]\nsource = \"generated\"\n";
  }
  return out;
}

// A USDM study with one main timeline; `instance(i)` and `timing(i)` give instance i and its timing.
template <typename Instance, typename Timing>
std::string usdm_study(long n, long encounters, Instance instance, Timing timing) {
  std::string out = R"({"usdmVersion":"4.0.0","study":{"id":null,"name":"SCALING","versions":[{"id":"V1",)"
                    R"("titles":[{"id":"T1","text":"Scaling","type":{"decode":"Official Study Title"}}],)"
                    R"("studyDesigns":[{"id":"D1","arms":[{"id":"Arm1","name":"A"}],)"
                    R"("epochs":[{"id":"Ep1","name":"Treatment"}],"encounters":[)";
  for (long e = 0; e < encounters; ++e)
    out += std::string{e ? "," : ""} + R"({"id":"Enc)" + std::to_string(e) + R"(","label":"Visit )" +
           std::to_string(e) + R"("})";
  out += R"(],"activities":[{"id":"Act1","name":"Exam"}],"scheduleTimelines":[{"id":"TL1","name":"Main",)"
         R"("mainTimeline":true,"instances":[)";
  for (long i = 0; i < n; ++i) out += (i ? "," : "") + instance(i);
  out += R"(],"timings":[)";
  for (long i = 0; i < n; ++i) out += (i ? "," : "") + timing(i);
  return out + "]}]}]}]}}";
}

inline std::string usdm_instance(long i, long encounter) {
  return R"({"id":"I)" + std::to_string(i) + R"(","name":"I)" + std::to_string(i) +
         R"(","instanceType":"ScheduledActivityInstance","encounterId":"Enc)" + std::to_string(encounter) +
         R"(","epochId":"Ep1","activityIds":["Act1"]})";
}

inline std::string usdm_timing(long i, long relative_to, long days) {
  const std::string id = std::to_string(i);
  if (i == 0)
    return R"({"id":"T0","type":{"decode":"Fixed Reference"},"value":"P0D","relativeFromScheduledInstanceId":"I0",)"
           R"("relativeToScheduledInstanceId":"I0","relativeToFrom":{"decode":"Start to Start"}})";
  return R"({"id":"T)" + id + R"(","type":{"decode":"After"},"value":"P)" + std::to_string(days) +
         R"(D","relativeFromScheduledInstanceId":"I)" + id + R"(","relativeToScheduledInstanceId":"I)" +
         std::to_string(relative_to) + R"(","relativeToFrom":{"decode":"Start to Start"}})";
}

// Instance i After P1D relative to instance i-1 (one day later every 100 instances), each its own encounter.
inline std::string usdm_chain(long n) {
  return usdm_study(
      n, n, [](long i) { return usdm_instance(i, i); },
      [](long i) { return usdm_timing(i, i - 1, i % 100 == 0 ? 1 : 0); });
}

// Every instance of the one encounter Enc0, instance i After P{i/4}D relative to I0.
inline std::string usdm_shared(long n) {
  return usdm_study(
      n, 1, [](long i) { return usdm_instance(i, 0); }, [](long i) { return usdm_timing(i, 0, i / 4); });
}

// A roster with n extra columns after subject and arm, and one row.
inline std::string wide_csv(long n) {
  std::string header = "subject,arm,site,day1", row = "S1,A,KR01,2026-01-05";
  for (long i = 0; i < n; ++i) {
    header += ",c" + std::to_string(i);
    row += ",x";
  }
  return header + "\n" + row + "\n";
}

}  // namespace planner::bench
