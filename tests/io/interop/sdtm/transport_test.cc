#include "planner/io/interop/sdtm/transport.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "planner/io/interop/sdtm/variables.h"

namespace planner {
namespace {

using namespace std::chrono_literals;

const SdtmExport kInfo{"T1", "A trial", date::sys_seconds{date::sys_days{date::year{2026} / 1 / 2}} + 3h + 4min + 5s};

TextTable tv() {
  return {{"STUDYID", "DOMAIN", "VISITNUM", "VISIT", "VISITDY"},
          {{"T1", "TV", "1", "Screening", "-13"}, {"T1", "TV", "3.5", "Week 2", ""}},
          {}};
}

TEST(SdtmVariables, DescribeEveryColumnPlannerWrites) {
  EXPECT_EQ(sdtm_variable("TAETORD").label, "Planned Order of Element within Arm");
  EXPECT_EQ(sdtm_variable("VISITNUM").type, SdtmType::decimal);
  EXPECT_EQ(sdtm_dataset("TV").keys, (std::vector<std::string_view>{"STUDYID", "VISITNUM", "ARMCD"}));
  EXPECT_THROW(sdtm_variable("XXSEQ"), std::logic_error);
  for (const SdtmVariable* v : {&sdtm_variable("TSVCDREF"), &sdtm_variable("RFXSTDTC"), &sdtm_variable("SVENDY")})
    EXPECT_LE(v->label.size(), 40u) << v->name;  // the SAS transport limit
}

TEST(SdtmDatasetJson, WritesTypesNullsAndKeys) {
  const std::string json = sdtm_dataset_json("TV", tv(), kInfo);
  EXPECT_EQ(
      json.substr(0, 120),
      R"({"datasetJSONCreationDateTime":"2026-01-02T03:04:05","datasetJSONVersion":"1.1.0","fileOID":"planner/T1/TV","originator")");
  EXPECT_NE(
      json.find(
          R"({"itemOID":"IT.TV.VISITNUM","name":"VISITNUM","label":"Visit Number","dataType":"double","keySequence":2})"),
      std::string::npos);
  EXPECT_NE(json.find(
                R"({"itemOID":"IT.TV.VISIT","name":"VISIT","label":"Visit Name","dataType":"string","length":9})"),
            std::string::npos);
  EXPECT_NE(json.find(R"("rows":[["T1","TV",1.0,"Screening",-13],["T1","TV",3.5,"Week 2",null]]})"), std::string::npos);
}

TEST(SdtmXpt, HasTheTransportHeaderMemberAndValues) {
  const std::string xpt = sdtm_xpt("TV", tv(), kInfo);
  ASSERT_GE(xpt.size(), 80u * 10);
  EXPECT_EQ(xpt.size() % 80, 0u);  // 80-byte records
  EXPECT_EQ(xpt.substr(0, 48), "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!");
  EXPECT_NE(xpt.find("TV      "), std::string::npos);      // the member name
  EXPECT_NE(xpt.find("Trial Visits"), std::string::npos);  // its label
  EXPECT_NE(xpt.find("Planned Study Day of Visit"), std::string::npos);
  EXPECT_NE(xpt.find("02JAN26:03:04:05"), std::string::npos);  // the creation time
  EXPECT_NE(xpt.find("Screening"), std::string::npos);
}

TEST(SdtmXpt, RefusesTextLongerThanTwoHundredBytes) {
  TextTable t = tv();
  t.rows[1][3] = std::string(201, 'x');
  EXPECT_THROW(sdtm_xpt("TV", t, kInfo), InputError);
  t.rows[1][3] = std::string(200, 'x');
  EXPECT_NO_THROW(sdtm_xpt("TV", t, kInfo));
}

TEST(SdtmDefineXml, DescribesEachDatasetAndVariable) {
  const std::string xml = sdtm_define_xml({{"TV", tv()}}, kInfo);
  EXPECT_NE(xml.find(R"(<ItemGroupDef OID="IG.TV" Name="TV" Domain="TV" Repeating="No" IsReferenceData="Yes")"),
            std::string::npos);
  EXPECT_NE(xml.find(
                R"(<ItemRef ItemOID="IT.TV.VISITNUM" Mandatory="Yes" OrderNumber="3" KeySequence="2" Role="Topic"/>)"),
            std::string::npos);
  EXPECT_NE(xml.find(R"(<ItemDef OID="IT.TV.VISIT" Name="VISIT" DataType="text" Length="9" SASFieldName="VISIT">)"),
            std::string::npos);
  EXPECT_NE(xml.find(R"(<def:leaf ID="LF.TV" xlink:href="tv.xpt">)"), std::string::npos);
  EXPECT_NE(xml.find("<StudyDescription>A trial</StudyDescription>"), std::string::npos);
}

}  // namespace
}  // namespace planner
