// The admin area's CSV: quoting as RFC 4180 says, and no cell a spreadsheet would run.
#include <gtest/gtest.h>

#include "core/csv.hpp"

namespace certhub {
namespace {

TEST(Csv, PlainCellsStayAsTheyAre) {
  EXPECT_EQ(csv_cell("cal"), "cal");
  EXPECT_EQ(csv_cell("ann@example.org"), "ann@example.org");
  EXPECT_EQ(csv_cell(""), "");
}

TEST(Csv, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
}

TEST(Csv, FormulaCellsAreDefused) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+1"), "'+1");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("a=b"), "a=b");  // only the first character matters
}

TEST(Csv, RowEndsInCrlf) {
  EXPECT_EQ(csv_row({"id", "email", "a,b"}), "id,email,\"a,b\"\r\n");
}

}  // namespace
}  // namespace certhub
