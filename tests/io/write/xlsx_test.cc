// An xlsx sheet is all or nothing like every output: the destination changes only on commit(), no temporary
// file outlives the sheet, and a full sheet refuses rows instead of writing a workbook Excel cuts short.
// (The cells themselves are read back with openpyxl by the cli.xlsx-* tests, tests/cli/xlsx_readback.py.)
#include "planner/io/write/xlsx.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/core/error.h"

namespace planner {
namespace {

namespace fs = std::filesystem;

class XlsxSheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("planner-xlsx-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string get(const std::string& p) {
    std::ifstream in{p, std::ios::binary};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  static std::vector<XlsxColumn> columns() {
    return {{"subject", CellKind::text}, {"study_day", CellKind::number}, {"target", CellKind::date}};
  }
  fs::path dir_;
};

Date ymd(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

TEST(ExcelSerial, CountsFromDayOneWithExcelsPhantomLeapDay) {
  EXPECT_EQ(excel_serial(ymd(1900, 1, 1)), 1);
  EXPECT_EQ(excel_serial(ymd(1900, 2, 28)), 59);
  EXPECT_EQ(excel_serial(ymd(1900, 3, 1)), 61);  // 60 is Excel's 1900-02-29, a day that never was
  EXPECT_EQ(excel_serial(ymd(2026, 1, 19)), 46041);
  EXPECT_EQ(excel_serial(ymd(2200, 12, 31)), 109939);
}

TEST_F(XlsxSheetTest, CommitWritesAWorkbookAndLeavesNoTemporaryFile) {
  XlsxSheet sheet{path("a.xlsx"), "calendar", columns()};
  ASSERT_TRUE(sheet.add_row({"S01", "15", "2026-01-19"}));
  ASSERT_TRUE(sheet.add_row({"기저", "-3", "not a date"}));
  EXPECT_EQ(entries().size(), 1U);  // the temporary file, until commit
  sheet.commit();
  EXPECT_EQ(sheet.rows(), 2U);
  EXPECT_EQ(entries(), std::vector<std::string>{"a.xlsx"});
  EXPECT_EQ(get(path("a.xlsx")).substr(0, 4), "PK\x03\x04");  // a zip archive, as every .xlsx
}

TEST_F(XlsxSheetTest, WithoutCommitTheDestinationKeepsItsContent) {
  { std::ofstream{path("a.xlsx")} << "previous"; }
  {
    XlsxSheet sheet{path("a.xlsx"), "calendar", columns()};
    ASSERT_TRUE(sheet.add_row({"S01", "15", "2026-01-19"}));
  }  // an error before commit: the sheet is dropped
  EXPECT_EQ(get(path("a.xlsx")), "previous");
  EXPECT_EQ(entries(), std::vector<std::string>{"a.xlsx"});
  { XlsxSheet sheet{path("new.xlsx"), "calendar", columns()}; }
  EXPECT_EQ(entries(), std::vector<std::string>{"a.xlsx"});  // no new file, no temporary file
}

TEST_F(XlsxSheetTest, AFullSheetRefusesRows) {
  XlsxSheet sheet{path("a.xlsx"), "calendar", columns(), 3};  // the header and two rows
  EXPECT_TRUE(sheet.add_row({"S01", "1", "2026-01-05"}));
  EXPECT_TRUE(sheet.add_row({"S01", "8", "2026-01-12"}));
  EXPECT_FALSE(sheet.add_row({"S01", "15", "2026-01-19"}));
  EXPECT_EQ(sheet.rows(), 2U);
  EXPECT_EQ(XlsxSheet::kExcelRows, 1048576U);
}

TEST_F(XlsxSheetTest, ADirectoryThatCannotBeWrittenIsAnIoError) {
  EXPECT_THROW((XlsxSheet{path("missing/a.xlsx"), "calendar", columns()}), IoError);
  EXPECT_THROW((XlsxSheet{dir_.string(), "calendar", columns()}), IoError);
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

}  // namespace
}  // namespace planner
