// source/: web pages — recognised by content, decoded in the charset they declare, rendered into
// their visible text, with spans that point at the bytes of the page.
#include <unicode/ucnv.h>

#include "source/html.h"
#include "source/source.h"
#include "test_support.h"

namespace budgetlens::source {
namespace {

std::string to_encoding(const std::string& utf8, const char* name) {
  UErrorCode st = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(name, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &st);
  out.resize(U_SUCCESS(st) ? n : 0);
  return out;
}

SourceText page(const std::string& bytes, const Options& options = {}) {
  auto r = decode_source(bytes, "page.txt", options);
  if (!r) ADD_FAILURE() << r.error().message;
  return r ? std::move(*r) : SourceText{};
}

Span span_of_text(const SourceText& s, const std::string& needle) {
  size_t at = s.text.find(needle);
  if (at == std::string::npos) ADD_FAILURE() << "no \"" << needle << "\" in " << s.text;
  return s.span_of({static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())});
}

TEST(SourceHtml, RecognisedByContentNotName) {
  EXPECT_EQ(page("<!DOCTYPE html><p>收入总计</p>").format, "html");
  EXPECT_EQ(page("  <p class=MsoNormal>收入总计</p>").format, "html");
  EXPECT_EQ(page("<table><tr><td>收入</td></tr></table>").format, "html");
  EXPECT_EQ(page("发布时间\n<html><body><p>收入</p></body></html>").format, "html");
  EXPECT_EQ(page("收入总计<1000万元\n").format, "text");
  EXPECT_EQ(page("<收入总计>1000万元\n").format, "text");
}

TEST(SourceHtml, ScriptsStylesCommentsHiddenAndWordMarksLeftOut) {
  SourceText s = page(
      "<html><head><title>题</title><style>p{}</style><script>var x='<p>脚本</p>';</script></head><body>"
      "<p class=MsoNormal>一、部门概况<o:p>&nbsp;</o:p></p><!-- 注释 -->"
      "<div style=\"display: none\">隐藏</div><p hidden>也隐藏</p><span style='mso-hide:all'>藏</span>"
      "<p>收入&nbsp;&nbsp;总计　1186.81&#19975;元&amp;<br>第二行</p><noscript>无</noscript></body></html>");
  EXPECT_EQ(s.text, "一、部门概况\n收入 总计 1186.81万元&\n第二行");
  EXPECT_EQ(s.format, "html");
  ASSERT_TRUE(s.page);
  EXPECT_EQ(s.page->block_lines, (std::vector<uint32_t>{0, 1}));  // the <br> line continues its block
}

// A style hides in any case and with blanks anywhere in it: the declaration is looked for in the
// style read without blanks, in lower case (so "display:nones" hides too); a style that names the
// property alone, or another value, hides nothing.
TEST(SourceHtml, StylesHideWhateverTheirCaseAndBlanks) {
  SourceText s = page(
      "<html><body><p style=\"DISPLAY : None\">甲</p><p style=\"color:red;\n visibility :\thidden\">乙</p>"
      "<p style=\"MSO-HIDE: ALL\">丙</p><p style=\"display:block;visibility:visible\">丁</p>"
      "<p style=\"display:nones\">戊</p><p style=\"dis play:no ne\">己</p><p "
      "style=\"display\">庚</p></body></html>");
  EXPECT_EQ(s.text, "丁\n庚");
}

// The attributes that hide are found among others, in any case; of a style given twice the first
// decides, as a browser (and gumbo) keeps only the first.
TEST(SourceHtml, HidingAttributesAmongOthers) {
  SourceText s = page(
      "<html><body><p class=x HIDDEN>甲</p><p id=a STYLE=\"display:none\" title=b>乙</p>"
      "<p style=\"color:red\" style=\"display:none\">丙</p><p style=\"display:none\" "
      "style=\"color:red\">丁</p>"
      "<p data-hidden=1 hiddenx=1>戊</p></body></html>");
  EXPECT_EQ(s.text, "丙\n戊");
}

// The depth a page is refused by is counted from its tags as a browser would nest them.
TEST(SourceHtml, MarkupDepthFollowsTheParsersHabits) {
  auto depth = [](std::string_view markup) { return detail::markup_depth(markup, 1000).depth; };
  EXPECT_EQ(depth("<div><div><div>x</div></div></div>"), 3u);
  EXPECT_EQ(depth("<div><br><img src=a><hr/><span/>x</div>"), 1u);          // void and self-closed
  EXPECT_EQ(depth("<DIV><Div><dIV></div></div></div>"), 3u);                // names in any case
  EXPECT_EQ(depth("<p>a<p>b<p>c"), 1u);                                     // a <p> ends the <p> before
  EXPECT_EQ(depth("<p>a<div>b</div>"), 1u);                                 // a block ends an open <p>
  EXPECT_EQ(depth("<ul><li>a<li>b<li><ul><li>c<li>d</ul></ul>"), 4u);       // <ul> stops the ends of <li>
  EXPECT_EQ(depth("<table><tr><td>a<td>b<tr><td>c</table>"), 3u);           // <td> and <tr> end their kind
  EXPECT_EQ(depth("<table><tr><td><table><tr><td>x</table></table>"), 6u);  // a nested table stops them
  EXPECT_EQ(depth("<p><button><p>x"), 3u);                                  // so does a <button>, for <p>
  EXPECT_EQ(depth("<div><span><i>x</div><b>y"), 3u);              // an end tag closes what is inside
  EXPECT_EQ(depth("<div></span></nothing><div>x"), 2u);           // an end tag with nothing to close
  EXPECT_EQ(depth("<script><div><div><div></script><div>"), 1u);  // raw text holds no tags
  EXPECT_EQ(depth("<style>a<b>c</STYLE ><!-- <div><div> --><div>"), 1u);
  EXPECT_EQ(depth("<div title='<div><div>'><div a=\"x>\">"), 2u);  // quoted attribute values
  EXPECT_EQ(depth("<!DOCTYPE html><?xml x?><div>"), 1u);
  EXPECT_EQ(depth("a < b <1 </ 2"), 0u);  // not tags
  detail::MarkupDepth deep = detail::markup_depth("<i><i><i><i><i><i>", 3);
  EXPECT_EQ(deep.depth, 4u);  // the count stops once past the limit, where it went past it
  EXPECT_EQ(deep.offset, 12u);
}

TEST(SourceHtml, MetaCharsetGbkIsHonoured) {
  std::string html = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"></head>"
                     "<body><p>收入总计1186.81万元，镕</p></body></html>";
  SourceText s = page(to_encoding(html, "GB18030"));
  EXPECT_EQ(s.encoding, "GBK");
  EXPECT_EQ(s.encoding_source, "meta");
  EXPECT_EQ(s.text, "收入总计1186.81万元，镕");
  EXPECT_TRUE(s.warnings.empty());
}

TEST(SourceHtml, GbkPageWithoutMetaIsDetected) {
  std::string html = "<html><body><p>梧州市2018年部门决算</p><p>收入总计1186.81万元，比上年减少23.95万元。</p></body></html>";
  SourceText s = page(to_encoding(html, "GB18030"));
  EXPECT_EQ(s.encoding, "GB18030");
  EXPECT_EQ(s.encoding_source, "detected");
  EXPECT_EQ(s.text, "梧州市2018年部门决算\n收入总计1186.81万元，比上年减少23.95万元。");
}

TEST(SourceHtml, WrongDeclaredCharsetFallsBackToDetectionWithAWarning) {
  std::string html = "<html><head><meta charset=\"utf-8\"></head><body><p>收入总计1186.81万元，比上年减少23.95万元。</p></body></html>";
  SourceText s = page(to_encoding(html, "GB18030"));
  EXPECT_EQ(s.encoding, "GB18030");
  EXPECT_EQ(s.encoding_source, "detected");
  EXPECT_EQ(s.text, "收入总计1186.81万元，比上年减少23.95万元。");
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_NE(s.warnings[0].find("declares charset \"utf-8\""), std::string::npos) << s.warnings[0];

  SourceText u = page("<meta charset=gbk><p>收入总计1186.81万元</p>");  // says GBK, is UTF-8
  EXPECT_EQ(u.encoding, "UTF-8");
  ASSERT_EQ(u.warnings.size(), 1u);
  EXPECT_NE(u.warnings[0].find("valid UTF-8"), std::string::npos) << u.warnings[0];

  SourceText x = page("<meta charset=no-such-charset><p>收入总计1186.81万元</p>");
  EXPECT_EQ(x.encoding, "UTF-8");
  EXPECT_EQ(x.warnings.size(), 1u);

  // A label with bytes that are no ASCII is quoted with them written out, never copied.
  SourceText b = page("<meta charset=\xbc\x96><p>收入总计1186.81万元</p>");
  ASSERT_FALSE(b.warnings.empty());
  EXPECT_NE(b.warnings[0].find("declares charset \"\\xBC\\x96\""), std::string::npos) << b.warnings[0];
}

TEST(SourceHtml, Utf16PageIsReadAfterItsMark) {
  std::string page16 = "\xFF\xFE" + to_encoding("<html><body><p>收入总计</p><p>1186.81万元</p></body></html>", "UTF-16LE");
  SourceText s = page(page16);
  EXPECT_EQ(s.format, "html");
  EXPECT_EQ(s.encoding, "UTF-16LE");
  EXPECT_EQ(s.text, "收入总计\n1186.81万元");
  Span f = span_of_text(s, "1186.81");
  EXPECT_EQ(page16.substr(f.offset, f.length), to_encoding("1186.81", "UTF-16LE"));
}

TEST(SourceHtml, SpansPointAtTheMarkup) {
  std::string html = "<html>\r\n<body>\r\n<p>一、概况</p>\r\n<p><b>收入</b>总计&nbsp;<span>1186.81</span>万元</p>\r\n</body></html>\r\n";
  SourceText s = page(html);
  EXPECT_EQ(s.text, "一、概况\n收入总计 1186.81万元");
  Span f = span_of_text(s, "1186.81");
  EXPECT_EQ(f.line, 4u);
  EXPECT_EQ(f.col, 27u);  // "<p><b>收入</b>总计&nbsp;<span>" is 26 characters
  EXPECT_EQ(html.substr(f.offset, f.length), "1186.81");
  // A range over tags and an entity covers them in the markup.
  Span label = span_of_text(s, "收入总计 1186.81");
  EXPECT_EQ(html.substr(label.offset, label.length), "收入</b>总计&nbsp;<span>1186.81");
  EXPECT_EQ(s.original_line_count(), 5u);
}

TEST(SourceHtml, SpansStayOnTheTextPastEntitiesAndLiteralMarks) {
  std::string html = "<p>&nbsp;收入<100万元，a&amp;b&lt;c 50万元&copy</p><table>收入<tr><td>项目</td><td>x</td></tr>7万元</table>";
  SourceText s = page(html);
  // The text inside <table> but outside its cells is moved before the table, as browsers do.
  EXPECT_EQ(s.text, "收入<100万元，a&b<c 50万元©\n收入7万元\n项目\tx");
  for (const char* figure : {"100万元", "50万元", "7万元"}) {
    Span f = span_of_text(s, figure);
    EXPECT_EQ(html.substr(f.offset, f.length), figure);
  }
  Span amp = span_of_text(s, "a&b<c");
  EXPECT_EQ(html.substr(amp.offset, amp.length), "a&amp;b&lt;c");
  Span copy = span_of_text(s, "©");
  EXPECT_EQ(html.substr(copy.offset, copy.length), "&copy");
}

TEST(SourceHtml, SpansOfAGbkPageAreInItsBytesAndCharacters) {
  std::string utf8 = "<html><body>\n<p>梧州市2018年部门决算</p>\n<table><tr><td>收入总计</td><td>1186.81</td></tr>\n"
                     "<tr><td>支出总计</td><td>&nbsp;23.95&nbsp;</td></tr></table></body></html>\n";
  std::string gbk = to_encoding(utf8, "GB18030");
  SourceText s = page(gbk);
  ASSERT_EQ(s.encoding, "GB18030");
  Span a = span_of_text(s, "1186.81");
  EXPECT_EQ(a.line, 3u);
  EXPECT_EQ(a.col, 29u);  // "<table><tr><td>收入总计</td><td>" is 28 characters, 32 bytes in GBK
  EXPECT_EQ(gbk.substr(a.offset, a.length), "1186.81");
  Span b = span_of_text(s, "23.95");
  EXPECT_EQ(b.line, 4u);
  EXPECT_EQ(gbk.substr(b.offset, b.length), "23.95");
  Span t = span_of_text(s, "梧州市");
  EXPECT_EQ(t.line, 2u);
  EXPECT_EQ(t.col, 4u);
  EXPECT_EQ(gbk.substr(t.offset, t.length), to_encoding("梧州市", "GB18030"));
}

TEST(SourceHtml, TablesAreRowsOfCellsWithTheirSpans) {
  SourceText s = page(
      "<p>表一</p><table><thead><tr><th rowspan=2>项目</th><th colspan=2>金额</th></tr>"
      "<tr><th>上年</th><th>本年</th></tr></thead>"
      "<tbody><tr><td>收入<br>总计</td><td> 1.5 </td><td></td></tr></tbody></table><p>后记</p>");
  EXPECT_EQ(s.text, "表一\n项目\t金额\n上年\t本年\n收入\n总计\t1.5\t\n后记");
  ASSERT_EQ(s.page->tables.size(), 1u);
  const HtmlTable& t = s.page->tables[0];
  EXPECT_EQ(t.first_line, 1u);
  EXPECT_EQ(t.last_line, 4u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_TRUE(t.rows[0].head);
  EXPECT_FALSE(t.rows[2].head);
  EXPECT_EQ(t.rows[0].cells[0].rowspan, 2u);
  EXPECT_EQ(t.rows[0].cells[1].colspan, 2u);
  EXPECT_TRUE(t.rows[0].cells[0].th);
  const HtmlCell& c = t.rows[2].cells[0];
  EXPECT_EQ(s.text.substr(c.range.begin, c.range.size()), "收入\n总计");
  EXPECT_TRUE(t.rows[2].cells[2].range.empty());
  EXPECT_EQ(s.page->block_lines, (std::vector<uint32_t>{0, 5}));
}

TEST(SourceHtml, LayoutTablesAreUnwrappedAndNestedTablesFollowTheirTable) {
  SourceText s = page(
      "<table><tr><td><h2>一、收入</h2><p>收入总计100万元。</p>"
      "<table><tr><td>项目</td><td>金额</td></tr>"
      "<tr><td>基本支出</td><td>说明<table><tr><td>其中</td><td>1</td></tr></table></td></tr></table>"
      "</td></tr></table>");
  EXPECT_EQ(s.text, "一、收入\n收入总计100万元。\n项目\t金额\n基本支出\t说明\n其中\t1");
  ASSERT_EQ(s.page->tables.size(), 2u);
  EXPECT_EQ(s.page->tables[0].rows.size(), 2u);
  EXPECT_EQ(s.page->tables[1].first_line, 4u);
  ASSERT_EQ(s.page->headings.size(), 1u);
  EXPECT_EQ(s.page->headings[0].level, 2);
}

TEST(SourceHtml, BrokenMarkupGivesTheBrowsersTree) {
  // Unclosed cells and rows, a paragraph inside the table (moved out before it), a stray </tr>.
  SourceText s = page("<table><tr><td>项目<td>金额</tr></tr><p>表外</p><tr><td>收入<td>1.5</table><p>后");
  EXPECT_EQ(s.text, "表外\n项目\t金额\n收入\t1.5\n后");
  ASSERT_EQ(s.page->tables.size(), 1u);
  EXPECT_EQ(s.page->tables[0].rows.size(), 2u);
}

// Found by fuzz/extract_fuzzer: a <caption> after the first row stays in the table (the parser does
// not move it out as it moves a <p>), and its text fell between the rows, in no cell.
TEST(SourceHtml, ACaptionIsShownAboveItsTableWhereverItWasWritten) {
  SourceText s = page("<p>说明</p><table><tr><td>项目<td>金额<caption>收支<b>总表</b></caption>"
                      "<tr><td>收入<td>10</table>");
  EXPECT_EQ(s.text, "说明\n收支总表\n项目\t金额\n收入\t10");
  ASSERT_EQ(s.page->tables.size(), 1u);
  EXPECT_EQ(s.page->tables[0].first_line, 2u);
  EXPECT_EQ(s.page->tables[0].rows.size(), 2u);
  // Shown out of the order of the markup, the caption's span is still its own bytes.
  Span caption = span_of_text(s, "收支总表");
  EXPECT_EQ(caption.offset, std::string("<p>说明</p><table><tr><td>项目<td>金额<caption>").size());
}

// Found by fuzz/extract_fuzzer: a table inside another's caption was begun while the other was
// still open, so that the rows of both went into one table and the caption's text into neither.
// It follows the table, as a table inside a cell does.
TEST(SourceHtml, ATableInsideACaptionFollowsTheTableItCaptions) {
  SourceText s = page(
      "<table><tr><td>项目<td>金额<caption>收支总表<table><tr><td>附<td>1</table></caption>"
      "<tr><td>收入<td>10</table>");
  EXPECT_EQ(s.text, "收支总表\n项目\t金额\n收入\t10\n附\t1");
  ASSERT_EQ(s.page->tables.size(), 2u);
  EXPECT_EQ(s.page->tables[0].first_line, 1u);  // 0-based: the caption is line 0
  EXPECT_EQ(s.page->tables[0].rows.size(), 2u);
  EXPECT_EQ(s.page->tables[1].first_line, 3u);
  EXPECT_EQ(s.page->tables[1].rows.size(), 1u);
}

// Pages nested this deep are refused by default (Limits::max_depth); a user who raises the limit
// gets them read, in heap memory rather than on the call stack.
Options deep_pages() {
  Options o;
  o.limits.max_depth = 20000;
  return o;
}

TEST(SourceHtml, TenThousandNestedDivsDoNotOverflowTheStack) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "收入总计1186.81万元";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  auto refused = decode_source(html, "deep.html", {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kOverLimit);
  EXPECT_EQ(refused.error().message,
            "line 1: elements nested more than 1000 deep, over the limit of 1000 (raise it with --max-depth)");
  SourceText s = page(html, deep_pages());
  EXPECT_EQ(s.text, "收入总计1186.81万元");
  DocumentResult d = pipeline::extract_document(s, "deep.html", testing::builtin_grammar());
  EXPECT_EQ(d.quantities.size(), 1u);
}

TEST(SourceHtml, FiveThousandNestedTablesDoNotOverflowTheStack) {
  std::string layout, data;
  for (int i = 0; i < 5000; ++i) layout += "<table><tr><td>";
  layout += "收入总计1186.81万元";
  for (int i = 0; i < 5000; ++i) layout += "</td></tr></table>";
  SourceText a = page(layout, deep_pages());
  EXPECT_EQ(a.text, "收入总计1186.81万元");
  EXPECT_TRUE(a.page->tables.empty());

  // Tables of data, each inside a cell of the one before: each is rendered after its parent.
  for (int i = 0; i < 5000; ++i) data += "<table><tr><td>项目" + std::to_string(i) + "</td><td>1.5</td><td>";
  data += "末";
  for (int i = 0; i < 5000; ++i) data += "</td></tr></table>";
  SourceText b = page(data, deep_pages());
  EXPECT_EQ(b.page->tables.size(), 5000u);
  DocumentResult d = pipeline::extract_document(b, "deep.html", testing::builtin_grammar());
  EXPECT_EQ(d.tables.size(), 5000u);
}

// Unclosed paragraphs, list items and cells close at the next one, as a browser closes them: a
// long page of them is not counted as nested.
TEST(SourceHtml, UnclosedParagraphsItemsAndCellsAreNotCountedAsNesting) {
  std::string html = "<body><ul>";
  for (int i = 0; i < 3000; ++i) html += "<li><p>第" + std::to_string(i) + "项<br><img src=x>";
  html += "</ul><table>";
  for (int i = 0; i < 3000; ++i) html += "<tr><td>项目<td>1.5";
  html += "</table><div><p>末<div>尾</div></div>";
  EXPECT_TRUE(decode_source(html, "flat.html", {}).ok());
}

}  // namespace
}  // namespace budgetlens::source
