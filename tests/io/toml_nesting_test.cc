#include <gtest/gtest.h>
#include <string>

#include "planner/core/error.h"
#include "planner/io/read/toml.h"

namespace planner {
namespace {

std::string nesting_error(const std::string& text, int max_depth = 4) {
  try {
    check_toml_nesting(SourceText{"t.toml", text}, max_depth);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TomlNesting, CountsHeadersDottedKeysArraysAndInlineTables) {
  EXPECT_EQ(nesting_error("[a.b.c.d]\n"), "");
  EXPECT_EQ(nesting_error("[a.b.c.d.e]\n"),
            "t.toml:1:9: error: nested more than 4 levels deep (table headers, dotted keys, arrays and inline "
            "tables together)\n 1 | [a.b.c.d.e]\n   |         ^\n");
  EXPECT_EQ(nesting_error("[[a.b]]\nc.d = 1\n"), "");
  EXPECT_EQ(nesting_error("[[a.b]]\nc.d.e = 1\n"), "");
  EXPECT_NE(nesting_error("[[a.b]]\nc.d.e.f = 1\n"), "");
  EXPECT_EQ(nesting_error("x = [[[[1]]]]\n"), "");
  EXPECT_NE(nesting_error("x = [[[[[1]]]]]\n"), "");
  EXPECT_EQ(nesting_error("x = {a = {b = {c = {}}}}\n"), "");
  EXPECT_NE(nesting_error("x = {a = {b = {c = {d = {}}}}}\n"), "");
  EXPECT_NE(nesting_error("[a]\nx = {b.c = [[1]]}\n"), "");
  // Each key of an inline table or array element starts again from the container's depth.
  EXPECT_EQ(nesting_error("x = {a = [[1]], b = [[2]], c = {d = [1]}}\ny = [[[1]], [[2]]]\n"), "");
}

TEST(TomlNesting, IgnoresStringsAndComments) {
  EXPECT_EQ(nesting_error("x = \"[[[[[[{{{{{.....\"\ny = '[[[[[['  # [[[[[[[[[[\nz = \"\"\"\n[[[[[[[[\n\"\"\"\n"
                          "w = '''\n{{{{{{{{{\n'''\n\"a.b.c.d.e.f\" = 1\nv = \"\\\"[[[[[[[[\"\n"),
            "");
  EXPECT_EQ(nesting_error("x = 1.5\ny = 2026-01-05\n[a]\nz = 1.25e3\n"), "");
}

TEST(TomlNesting, StopsTenThousandLevelsAtTheBound) {
  std::string key = "a";
  for (int i = 0; i < 50000; ++i) key += ".a";
  EXPECT_NE(nesting_error(key + " = 1\n", kMaxTomlDepth), "");
  EXPECT_NE(nesting_error("[" + key + "]\n", kMaxTomlDepth), "");
  EXPECT_NE(nesting_error("x = " + std::string(50000, '[') + std::string(50000, ']') + "\n", kMaxTomlDepth), "");
}

}  // namespace
}  // namespace planner
