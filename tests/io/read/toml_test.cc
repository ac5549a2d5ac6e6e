#include "planner/io/read/toml.h"

#include <functional>
#include <gtest/gtest.h>
#include <string>

#include "planner/core/error.h"

namespace planner {
namespace {

// TomlReader's helpers are for the readers derived from it; the test derives one to call them.
class Reader : public TomlReader {
 public:
  using TomlReader::check_keys;
  using TomlReader::opt_int;
  using TomlReader::opt_string;
  using TomlReader::optional_table;
  using TomlReader::parse_document;
  using TomlReader::req_id;
  using TomlReader::req_string;
  using TomlReader::required_table;
  using TomlReader::string_array;
  using TomlReader::tables;
  using TomlReader::TomlReader;
};

using Read = std::function<void(const Reader&, const toml::table&)>;

// The message of parsing `text` as t.toml and then running `read` over the document, or "no error".
std::string error_of(const std::string& text, const Read& read = {}) {
  const SourceText src{"t.toml", text};
  Reader reader{src};
  try {
    const toml::table root = reader.parse_document();
    if (read) read(reader, root);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

const toml::table& table_s(const toml::table& root) { return *root.get("s")->as_table(); }

// Messages are SourceText::error's: `file:line:col: error: message`, the line after its number and " | ",
// then a caret under the column (one space per character before it).

TEST(TomlDocument, RefusesALoneCarriageReturnWhereItIs) {
  // The CR is byte 5, column 6; the line is shown with it as '?'.
  EXPECT_EQ(error_of("a = 1\rb = 2\n"),
            "t.toml:1:6: error: a carriage return not followed by a line feed: lines must end in LF or CRLF\n"
            " 1 | a = 1?b = 2\n"
            "   |      ^\n");
  EXPECT_EQ(error_of("a = 1\r\nb = 2\r\n"), "no error");
}

TEST(TomlDocument, RefusesInvalidUtf8AtItsCharacter) {
  // Line 2 `b = "<0xFF>"`: the bad byte is the sixth character.
  EXPECT_EQ(error_of("a = 1\nb = \"\xFF\"\n"),
            "t.toml:2:6: error: invalid TOML: invalid UTF-8 (byte 0xFF); a protocol or sites file is UTF-8 text\n"
            " 2 | b = \"?\"\n"
            "   |      ^\n");
}

TEST(TomlDocument, RefusesControlCharactersThatEscapesPutInStringsAndKeys) {
  // The string value starts at column 5; its second character is ESC.
  EXPECT_EQ(error_of("a = \"x\\u001by\"\n"),
            "t.toml:1:5: error: the string has a control character (U+001B) at character 2; text must be UTF-8 "
            "without control characters (line feeds and tabs only in strings)\n"
            " 1 | a = \"x\\u001by\"\n"
            "   |     ^\n");
  EXPECT_EQ(error_of("[t]\n\"k\\u0007\" = 1\n"),
            "t.toml:2:1: error: the key has a control character (U+0007) at character 2; text must be UTF-8 "
            "without control characters (line feeds and tabs only in strings)\n"
            " 2 | \"k\\u0007\" = 1\n"
            "   | ^\n");
  // Line feeds and tabs are text in a string, not in a key.
  EXPECT_EQ(error_of("a = \"x\\ny\\tz\"\n"), "no error");
}

TEST(TomlReader, NamesUnknownKeysWithTheClosestOrAllAllowed) {
  const Read keys = [](const Reader& r, const toml::table& root) {
    r.check_keys(table_s(root), "[s]", {"id", "name"});
  };
  EXPECT_EQ(error_of("[s]\nid = \"x\"\nnmae = \"y\"\n", keys),
            "t.toml:3:1: error: unknown key 'nmae' in [s]; did you mean 'name'?\n"
            " 3 | nmae = \"y\"\n"
            "   | ^\n");
  EXPECT_EQ(error_of("[s]\nzzzzzz = 1\n", keys),
            "t.toml:2:1: error: unknown key 'zzzzzz' in [s]; expected one of: id, name\n"
            " 2 | zzzzzz = 1\n"
            "   | ^\n");
  EXPECT_EQ(error_of("[s]\nname = \"y\"\n", keys), "no error");
}

TEST(TomlReader, RequiresTablesAndArraysOfTablesOfTheRightKind) {
  const Read required = [](const Reader& r, const toml::table& root) { r.required_table(root, "s"); };
  EXPECT_EQ(error_of("a = 1\n", required), "t.toml:1:1: error: missing the table [s]\n 1 | a = 1\n   | ^\n");
  // The value starts at column 5.
  EXPECT_EQ(error_of("s = 1\n", required),
            "t.toml:1:5: error: 's' must be a table [s], got an integer\n 1 | s = 1\n   |     ^\n");
  EXPECT_EQ(error_of("s = { id = \"x\" }\n", required),  // an inline table is not a [s] table
            "t.toml:1:5: error: 's' must be a table [s], got a table\n 1 | s = { id = \"x\" }\n   |     ^\n");
  EXPECT_EQ(error_of("[s]\n", required), "no error");
  const Read visits = [](const Reader& r, const toml::table& root) {
    EXPECT_EQ(r.tables(root, "v", false).size(), root.contains("v") ? 2u : 0u);
    r.tables(root, "v", true);
  };
  EXPECT_EQ(error_of("a = 1\n", visits),
            "t.toml:1:1: error: missing [[v]]: at least one is required\n 1 | a = 1\n   | ^\n");
  EXPECT_EQ(error_of("v = [1]\n", [](const Reader& r, const toml::table& root) { r.tables(root, "v", true); }),
            "t.toml:1:5: error: 'v' must be an array of tables [[v]], got an array\n 1 | v = [1]\n   |     ^\n");
  EXPECT_EQ(error_of("[[v]]\n[[v]]\n", visits), "no error");
}

TEST(TomlReader, ReadsStringsIdsIntegersAndStringArraysSayingWhatWasExpected) {
  const Read id = [](const Reader& r, const toml::table& root) { r.req_id(table_s(root), "[s]", 4); };
  EXPECT_EQ(error_of("[s]\nname = \"x\"\n", id),
            "t.toml:1:1: error: [s] is missing the required key 'id'\n 1 | [s]\n   | ^\n");
  EXPECT_EQ(error_of("[s]\nid = 5\n", id),  // the value is at column 6
            "t.toml:2:6: error: 'id' must be a string, got an integer\n 2 | id = 5\n   |      ^\n");
  EXPECT_EQ(error_of("[s]\nid = \"\"\n", id),
            "t.toml:2:6: error: 'id' must not be empty\n 2 | id = \"\"\n   |      ^\n");
  EXPECT_EQ(error_of("[s]\nid = \"a_b.c\"\n", id),  // five characters, the limit is 4
            "t.toml:2:6: error: 'a_b.c' is not a valid id: use 1-4 characters of A-Z, a-z, 0-9, '_', '.', '-'\n"
            " 2 | id = \"a_b.c\"\n"
            "   |      ^\n");
  EXPECT_EQ(error_of("[s]\nid = \"a-b\"\n", id), "no error");

  const Read n = [](const Reader& r, const toml::table& root) {
    EXPECT_EQ(r.opt_int(table_s(root), "absent"), std::nullopt);
    EXPECT_EQ(r.opt_string(table_s(root), "absent"), std::nullopt);
    r.opt_int(table_s(root), "n");
  };
  EXPECT_EQ(error_of("[s]\nn = 1.5\n", n),
            "t.toml:2:5: error: 'n' must be an integer, got a number\n 2 | n = 1.5\n   |     ^\n");
  EXPECT_EQ(error_of("[s]\nn = 7\n", n), "no error");

  const Read strings = [](const Reader& r, const toml::table& root) {
    const auto items = r.string_array(table_s(root), "a");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].first, "x");
    EXPECT_EQ(items[1].first, "y");
    EXPECT_EQ(items[1].second->source().begin.column, 11u);  // `a = ["x", "y"]`: "y" starts at column 11
  };
  EXPECT_EQ(error_of("[s]\na = [\"x\", \"y\"]\n", strings), "no error");
  const Read any = [](const Reader& r, const toml::table& root) { r.string_array(table_s(root), "a"); };
  EXPECT_EQ(error_of("[s]\na = [\"x\", 1]\n", any),
            "t.toml:2:11: error: elements of 'a' must be strings, got an integer\n"
            " 2 | a = [\"x\", 1]\n"
            "   |           ^\n");
  EXPECT_EQ(error_of("[s]\na = \"x\"\n", any),
            "t.toml:2:5: error: 'a' must be an array of strings, got a string\n 2 | a = \"x\"\n   |     ^\n");
}

TEST(TomlTypeName, NamesEveryKindOfValue) {
  const toml::table t = toml::parse(
      "s = 'x'\ni = 1\nf = 1.5\nb = true\nd = 2026-01-05\nh = 09:00:00\ndt = 2026-01-05T09:00:00Z\na = []\n"
      "[tbl]\n");
  const std::pair<const char*, const char*> expected[] = {{"s", "a string"},     {"i", "an integer"},
                                                          {"f", "a number"},     {"b", "a boolean"},
                                                          {"d", "a date"},       {"h", "a time"},
                                                          {"dt", "a date-time"}, {"a", "an array"},
                                                          {"tbl", "a table"}};
  for (const auto& [key, name] : expected) EXPECT_EQ(toml_type_name(*t.get(key)), name) << key;
}

TEST(ValidId, AllowsLettersDigitsUnderscoreDotAndDashUpToTheLength) {
  EXPECT_TRUE(is_valid_id("W0"));
  EXPECT_TRUE(is_valid_id("INJ_SAL.2-b"));
  EXPECT_TRUE(is_valid_id(std::string(32, 'a')));
  EXPECT_FALSE(is_valid_id(std::string(33, 'a')));
  EXPECT_TRUE(is_valid_id("abcd", 4));
  EXPECT_FALSE(is_valid_id("abcde", 4));
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id("a b"));
  EXPECT_FALSE(is_valid_id("caf\xC3\xA9"));  // é
  EXPECT_FALSE(is_valid_id("a/b"));
}

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
