// The YAML document model under the content loader: what is a null, where a node is, and that
// bad input comes back as an error with a position rather than a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "content/loader.hpp"
#include "content/yaml_doc.hpp"

namespace certhub {
namespace {
namespace fs = std::filesystem;

std::pair<int, int> at(const yaml::Node& n) {
  return {n.mark().line, n.mark().column};
}

TEST(YamlDoc, TellsNullsFromText) {
  auto doc = yaml::parse(
      "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: \"null\"\ng: '~'\nh: !!str\ni: nULL\nj: |\n  x\n");
  ASSERT_FALSE(doc.error);
  const auto& r = doc.root;
  for (const char* key : {"a", "b", "c", "d", "e"})
    EXPECT_EQ(r[key].kind(), yaml::Kind::null) << key;
  for (const char* key : {"f", "g", "h", "i", "j"})
    EXPECT_EQ(r[key].kind(), yaml::Kind::scalar) << key;
  EXPECT_EQ(r["f"].text(), "null");
  EXPECT_FALSE(r["f"].plain());
  EXPECT_EQ(r["j"].text(), "x\n");
  EXPECT_EQ(r["a"].as_string(), "null");  // as yaml-cpp's as<std::string>() had it
  EXPECT_EQ(r["nope"].kind(), yaml::Kind::undefined);
  EXPECT_TRUE(r["nope"].is_null());
  EXPECT_TRUE(r["nope"].mark().is_null());
  EXPECT_EQ(r["a"]["x"].kind(), yaml::Kind::undefined);
}

TEST(YamlDoc, KeepsDocumentOrderAndDuplicateKeys) {
  auto doc = yaml::parse("b: 1\na: 2\nb: 3\nlist: [x, {y: z}]\n");
  ASSERT_FALSE(doc.error);
  std::vector<std::string> keys;
  for (const auto& entry : doc.root.entries()) keys.emplace_back(entry.key.text());
  EXPECT_EQ(keys, (std::vector<std::string>{"b", "a", "b", "list"}));
  EXPECT_EQ(doc.root.size(), 4u);
  EXPECT_EQ(doc.root["b"].text(), "1");  // the first of a duplicate, as yaml-cpp
  const auto& list = doc.root["list"];
  ASSERT_TRUE(list.is_sequence());
  ASSERT_EQ(list.items().size(), 2u);
  EXPECT_EQ(list.items()[1]["y"].text(), "z");
}

TEST(YamlDoc, PlacesNodesAsTheLoaderAlwaysHas) {
  auto doc = yaml::parse("a:\n  - x\n  -\n  - y\nb:   # note\n\nc: [p, q]\nd:");
  ASSERT_FALSE(doc.error);
  const auto& r = doc.root;
  EXPECT_EQ(at(r), std::pair(0, 0));
  EXPECT_EQ(at(r["a"]), std::pair(1, 2));
  EXPECT_EQ(at(r["a"].items()[0]), std::pair(1, 4));
  EXPECT_EQ(at(r["a"].items()[1]), std::pair(3, 2));  // an empty item sits at the next token
  EXPECT_EQ(at(r["b"]), std::pair(6, 0));             // past comments and blank lines
  EXPECT_EQ(at(r["c"].items()[1]), std::pair(6, 7));
  EXPECT_EQ(at(r["d"]), std::pair(7, 0));  // at the end, column 0
}

TEST(YamlDoc, CountsColumnsInBytes) {
  auto doc = yaml::parse("\xEF\xBB\xBFk: [\xC3\xA9\xC3\xA9, z]\n");  // BOM, then "éé"
  ASSERT_FALSE(doc.error);
  EXPECT_EQ(at(doc.root["k"].items()[1]), std::pair(0, 10));
}

TEST(YamlDoc, EmptyInputIsANullWithoutPosition) {
  for (std::string_view text : {std::string_view(), std::string_view("# only a comment\n")}) {
    auto doc = yaml::parse(text);
    ASSERT_FALSE(doc.error);
    EXPECT_EQ(doc.root.kind(), yaml::Kind::null);
    EXPECT_TRUE(doc.root.mark().is_null());
  }
}

TEST(YamlDoc, ReadsOnlyTheFirstDocument) {
  auto doc = yaml::parse("a: 1\n---\nb: [\n");
  ASSERT_FALSE(doc.error);
  EXPECT_EQ(doc.root["a"].text(), "1");
  EXPECT_FALSE(doc.root["b"].defined());
}

TEST(YamlDoc, ReportsBadInputWithAPosition) {
  struct Case {
    std::string text;
    int line;
    std::string words;
  };
  for (const auto& c : std::vector<Case>{
           {"a: [x, y\nb: 1\n", 1, "did not find expected"},
           {"a:\n\tb: 1\n", 1, "tab"},
           {"a: 'open\n", 1, "end of stream"},
           {"a: &x 1\nb: *x\n", 1, "alias '*x'"},
           {"a: caf\xE9\n", 0, "UTF-8"},
           {"a: x\x01y\n", 0, "control characters"},
           {std::string(3000, '[') + std::string(3000, ']'), 0, "nested deeper than 2000"},
       }) {
    auto doc = yaml::parse(c.text);
    ASSERT_TRUE(doc.error) << c.text.substr(0, 20);
    EXPECT_EQ(doc.error->mark.line, c.line) << doc.error->message;
    EXPECT_NE(doc.error->message.find(c.words), std::string::npos) << doc.error->message;
  }
}

TEST(YamlDoc, NeverCrashesOnTruncatedFiles) {
  std::string text =
      "sources:\n  - id: A\n    title: \"T\"\n    url: https://e.org/x\n    tags: [a, {b: c}]\n"
      "    note: |\n      line\n  - id: 'B'\n    checked: 2026-01-01\n";
  for (std::size_t n = 0; n <= text.size(); ++n) {
    auto doc = yaml::parse(std::string_view(text).substr(0, n));
    EXPECT_TRUE(doc.error || doc.root.kind() != yaml::Kind::undefined);
  }
}

// Whole files that are not what the loader expects: one diagnostic, no crash, no catalog.
TEST(YamlDoc, LoaderTurnsBadFilesIntoDiagnostics) {
  std::random_device rd;
  auto dir = fs::temp_directory_path() / ("certhub-yaml-doc-" + std::to_string(rd()));
  for (const auto& [text, line, words] : std::vector<std::tuple<std::string, int, std::string>>{
           {"", 1, "a question bank must be a mapping"},
           {"just a scalar\n", 1, "a question bank must be a mapping"},
           {"certification: demo\ndomain: events\nquestions: [\n", 4, "did not find expected"},
           {"certification: demo\ndomain: \xFF\n", 2, "UTF-8"},
       }) {
    fs::copy(CERTHUB_FIXTURES "/good", dir, fs::copy_options::recursive);
    std::ofstream(dir / "questions/demo/events.yaml", std::ios::binary) << text;
    auto r = load_content(dir);
    fs::remove_all(dir);
    EXPECT_FALSE(r.catalog);
    bool found = false;
    for (const auto& d : r.diagnostics)
      found |= d.file.ends_with("questions/demo/events.yaml") && d.line == line &&
               d.message.find(words) != std::string::npos;
    EXPECT_TRUE(found) << words << (r.diagnostics.empty() ? "" : ": " + format(r.diagnostics[0]));
  }
}

}  // namespace
}  // namespace certhub
