// grammar/: the built-in grammar files and overlays.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>

#include "grammar/grammar.h"
#include "grammar/remembered_matches.h"
#include "grammar/required_words.h"
#include "grammar/start_ranges.h"
#include "test_support.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::grammar {
namespace {

TEST(Grammar, BuiltInFilesLoad) {
  const Grammar& g = testing::builtin_grammar();
  EXPECT_FALSE(g.sections.styles.empty());
  EXPECT_FALSE(g.units.words.empty());
  EXPECT_EQ(g.origin, "built-in");
  const ColumnRule* r = g.tables.column_rule("自评得分");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->role, ColumnRole::kScore);
  EXPECT_EQ(g.tables.column_rule("一级指标")->level, 1);
  EXPECT_EQ(g.units.money("万元")->power, 4);
}

TEST(Grammar, OverlayReplacesAFileWithoutRebuilding) {
  std::string dir = testing::temp_dir("grammar");
  std::string units(builtin_grammar("units.xml"));
  size_t at = units.find("</units>");
  units.insert(at, "  <money word=\"万美元\" power=\"4\"/>\n");
  std::ofstream(dir + "/units.xml") << units;
  auto r = load_grammar(dir);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE((*r)->units.money("万美元"));
  EXPECT_FALSE(testing::builtin_grammar().units.money("万美元"));
  EXPECT_EQ((*r)->origin, dir);
}

// Identity rules find their totals and parts through one set of all their names: each rule's
// index must lead to its own pattern, and a name must be found there as the rule's pattern finds it.
TEST(Grammar, IdentityNamesIndexEachRulesOwnPatterns) {
  const CheckGrammar& g = testing::builtin_grammar().checks;
  size_t names = 0;
  for (const CheckRule* rule : g.family("identity")) {
    ASSERT_GE(rule->total_in_names, 0) << rule->id;
    EXPECT_EQ(g.identity_names[rule->total_in_names].source(), rule->total.source()) << rule->id;
    ++names;
    for (const CheckRule::Part& part : rule->parts) {
      ASSERT_GE(part.in_names, 0) << rule->id << " " << part.name;
      EXPECT_EQ(g.identity_names[part.in_names].source(), part.pattern.source())
          << rule->id << " " << part.name;
      ++names;
    }
  }
  EXPECT_GE(names, 8u);
  EXPECT_EQ(g.identity_names.size(), names);
  std::vector<int> hits;
  g.identity_names.matching(Anchor::kSuffix, "其中:基本支出", hits);
  EXPECT_GE(hits.size(), 2u);  // the total of 基本支出 = 人员经费 + 公用经费, a part of another rule
  for (int i : hits) EXPECT_TRUE(g.identity_names[i].match_suffix("其中:基本支出").has_value());
}

TEST(Grammar, MoneyMarksAreTheMoneyWordsNoOtherIsPartOf) {
  const grammar::UnitGrammar& g = testing::builtin_grammar().units;
  std::vector<std::string> marks = g.money_marks;
  std::sort(marks.begin(), marks.end());
  EXPECT_EQ(marks, (std::vector<std::string>{"亿", "元"}));
  // Every money word holds a mark, so a text without a mark holds no money word.
  for (const grammar::UnitWord& w : g.words) {
    if (w.kind != grammar::UnitKind::kMoney) continue;
    EXPECT_TRUE(std::any_of(marks.begin(), marks.end(), [&](const std::string& m) {
      return w.word.find(m) != std::string::npos;
    })) << w.word;
  }
}

TEST(Grammar, UnitAtIsTheLongestUnitWordATextStartsWith) {
  const grammar::UnitGrammar& g = testing::builtin_grammar().units;
  auto naive = [&](std::string_view s) -> const grammar::UnitWord* {
    const grammar::UnitWord* best = nullptr;
    for (const grammar::UnitWord& w : g.words) {
      if (s.substr(0, w.word.size()) == w.word && (!best || w.word.size() > best->word.size())) best = &w;
    }
    return best;
  };
  // Every word, cut short (a text that ends inside a word), and followed by each other word's first
  // byte and by text: words of one to a dozen bytes, ASCII and Chinese, that share first bytes.
  std::vector<std::string> texts = {"", "x", "万", "平方", "%%"};
  for (const grammar::UnitWord& w : g.words) {
    for (size_t cut = 0; cut <= w.word.size(); ++cut) texts.push_back(w.word.substr(0, cut));
    texts.push_back(w.word + "以上");
    for (const grammar::UnitWord& o : g.words) texts.push_back(w.word + o.word.substr(0, 1));
  }
  ASSERT_GT(g.words.size(), 20u);
  for (const std::string& t : texts) EXPECT_EQ(g.unit_at(t), naive(t)) << t;
}

TEST(Grammar, BoundaryLastBytesAreThoseOfTheBoundaryCharacters) {
  const grammar::LabelGrammar& g = testing::builtin_grammar().labels;
  std::array<bool, 256> expected{};
  for (char32_t c : g.boundaries) {
    std::string s;
    text::append_utf8(s, c);
    expected[static_cast<unsigned char>(s.back())] = true;
  }
  ASSERT_NE(g.boundaries.find(U'。'), std::u32string::npos);
  EXPECT_TRUE(g.boundary_last_byte[0x82]);  // 。 is E3 80 82
  EXPECT_TRUE(g.boundary_last_byte[',']);
  EXPECT_EQ(g.boundary_last_byte, expected);
}

TEST(Grammar, OnlyPageHeadersInterruptASentence) {
  const grammar::FigureGrammar& g = testing::builtin_grammar().figures;
  std::vector<std::string> interrupting;
  for (const grammar::Mask& m : g.masks) {
    if (m.interrupts) interrupting.push_back(m.kind);
  }
  EXPECT_EQ(interrupting, std::vector<std::string>{"page-header"});
}

// A word of spaces alone folds to nothing, and would be found everywhere: every word a grammar
// looks for in folded text must keep a visible character.
TEST(Grammar, WordsThatFoldToNothingAreRefused) {
  std::string dir = testing::temp_dir("grammar");
  const std::pair<const char*, const char*> files[] = {
      {"units.xml",
       "<units>\n  <money word=\"万元\" power=\"4\"/>\n  <approx word=\" \" where=\"after\"/>\n</units>\n"},
      {"units.xml", "<units>\n  <money word=\"\u3000\" power=\"4\"/>\n</units>\n"},
      {"indicators.xml", "<indicators>\n  <comparator word=\" \" means=\"≥\"/>\n</indicators>\n"},
      {"tables.xml", "<tables>\n  <unit-stated-by word=\" \"/>\n</tables>\n"}};
  for (const auto& [file, xml] : files) {
    std::ofstream(dir + "/" + file) << xml;
    auto bad = load_grammar(dir);
    std::remove((dir + "/" + file).c_str());
    ASSERT_FALSE(bad) << xml;
    EXPECT_EQ(bad.error().code, ErrorCode::kBadValue) << xml;
    EXPECT_NE(bad.error().message.find(dir + "/" + file + ":"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("visible character"), std::string::npos) << bad.error().message;
  }
}

TEST(Grammar, ErrorsNameTheFileAndLine) {
  std::string dir = testing::temp_dir("grammar");
  std::ofstream(dir + "/labels.xml") << "<labels>\n  <strip-prefix pattern=\"(unclosed\"/>\n</labels>\n";
  auto bad = load_grammar(dir);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kBadPattern);
  EXPECT_NE(bad.error().message.find(dir + "/labels.xml:2:"), std::string::npos) << bad.error().message;

  std::ofstream(dir + "/labels.xml") << "<labels><oops></labels>";
  auto broken = load_grammar(dir);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kXmlSyntax);
}

// A PatternSet answers for all its patterns in one pass; the answers must be those of trying each
// pattern on its own, for every list of the built-in grammar and every way of anchoring.
TEST(Grammar, PatternSetsAnswerAsTheirPatternsOneByOne) {
  const Grammar& g = testing::builtin_grammar();
  std::vector<std::string> texts = {"", "单位:万元", "(万元)", "一、收入", "(二)支出", "1.概况", "3)其中", "附件2:",
                                    "表一:", "第一部分", "2023年1月5日", "2023-01-05", "〔2021〕12号", "第3页",
                                    "其中:人员经费", "比上年减少", "下降率", "完成年初预算的", "占支出总额的比重",
                                    "年初预算数", "类科目", "收入总计", "一级指标", "自评得分", "预算数(万元)",
                                    "www.gov.cn", "13812345678", "abc123", "① 2、(3)", "合计", "收、支总计各是"};
  if (testing::exists(testing::shared_dir() + "/seeds")) {
    for (const char* name : {"/seeds/001_09aba54321373955.txt", "/seeds/002_eeed92db698f3b8d.txt"}) {
      std::string body = testing::read_file(testing::shared_dir() + name);
      for (size_t b = 0, e; b < body.size(); b = e + 1) {
        e = body.find('\n', b);
        if (e == std::string::npos) e = body.size();
        std::string key = text::match_key(body.substr(b, e - b));
        texts.push_back(key);
        texts.push_back(key.substr(0, key.size() / 2));  // pieces, as labels are
      }
    }
  }
  std::vector<const PatternSet*> sets = {&g.sections.style_patterns, &g.tables.column_patterns,
                                         &g.tables.captions,        &g.tables.unit_statements,
                                         &g.figures.mask_patterns,  &g.labels.strip_prefix,
                                         &g.labels.strip_suffix,    &g.labels.relations,
                                         &g.labels.attributes,      &g.labels.postfix,
                                         &g.documents.kind_patterns, &g.documents.org};
  std::vector<int> hits;
  for (const PatternSet* set : sets) {
    for (Anchor anchor : {Anchor::kFull, Anchor::kPrefix, Anchor::kSuffix, Anchor::kAnywhere}) {
      for (const std::string& t : texts) {
        std::vector<int> want;
        for (size_t i = 0; i < set->size(); ++i) {
          const Pattern& p = (*set)[i];
          bool one = anchor == Anchor::kFull     ? p.match_full(t)
                     : anchor == Anchor::kPrefix ? p.match_prefix(t).has_value()
                     : anchor == Anchor::kSuffix ? p.match_suffix(t).has_value()
                                                 : p.find(t).has_value();
          if (one) want.push_back(static_cast<int>(i));
        }
        set->matching(anchor, t, hits);
        ASSERT_EQ(hits, want) << "\"" << t << "\" anchor " << static_cast<int>(anchor);
        EXPECT_EQ(set->first_matching(anchor, t), want.empty() ? -1 : want.front());
        EXPECT_EQ(set->any(anchor, t), !want.empty())
            << "\"" << t << "\" anchor " << static_cast<int>(anchor);
        // Asked again: a short text's answer is the one kept, and every set and anchor keeps its
        // own for the same text.
        set->matching(anchor, t, hits);
        EXPECT_EQ(hits, want) << "\"" << t << "\" anchor " << static_cast<int>(anchor) << ", asked again";
        EXPECT_EQ(set->any(anchor, t), !want.empty())
            << "\"" << t << "\" anchor " << static_cast<int>(anchor);
      }
    }
  }
}

TEST(Grammar, AnswersKeptAreTheirOwnSets) {
  auto set_of = [](std::vector<std::string> sources) {
    std::vector<Pattern> patterns;
    for (const std::string& s : sources) patterns.push_back(*Pattern::compile(s, nullptr));
    return PatternSet(std::move(patterns));
  };
  const std::string text = "项目";
  {
    PatternSet first = set_of({"金额", "项目"});
    EXPECT_EQ(first.first_matching(Anchor::kFull, text), 1);
    PatternSet copy = first;  // the same patterns: the same answers
    EXPECT_EQ(copy.first_matching(Anchor::kFull, text), 1);
  }
  // A set made later, perhaps where the first one was, answers for its own patterns.
  PatternSet second = set_of({"项目", "金额"});
  EXPECT_EQ(second.first_matching(Anchor::kFull, text), 0);
  PatternSet third = set_of({"金额", "名称"});
  EXPECT_EQ(third.first_matching(Anchor::kFull, text), -1);
  third = set_of({"名称", "项", "项目"});
  std::vector<int> hits;
  third.matching(Anchor::kPrefix, text, hits);
  EXPECT_EQ(hits, (std::vector<int>{1, 2}));
  third.matching(Anchor::kFull, text, hits);
  EXPECT_EQ(hits, (std::vector<int>{2}));
  third.matching(Anchor::kPrefix, text, hits);
  EXPECT_EQ(hits, (std::vector<int>{1, 2}));
  // More hits than an answer kept holds, and texts too long to keep, are answered all the same.
  PatternSet many = set_of({"项", "项目", "目", "项.", ".目", "..", "."});
  for (int ask = 0; ask < 2; ++ask) {
    many.matching(Anchor::kAnywhere, text, hits);
    EXPECT_EQ(hits, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
  }
  const std::string long_text = std::string(60, 'x') + "项目";
  for (int ask = 0; ask < 2; ++ask) {
    EXPECT_EQ(second.first_matching(Anchor::kAnywhere, long_text), 0);
    EXPECT_EQ(third.first_matching(Anchor::kSuffix, long_text), 2);
  }
}

TEST(Grammar, AKeptAnswerIsRecalledOnlyForItsQuestion) {
  using Kept = detail::RememberedMatches;
  auto answer_of = [](std::vector<uint16_t> values) {
    Kept::Answer a;
    a.count = static_cast<uint8_t>(values.size());
    std::copy(values.begin(), values.end(), a.values.begin());
    return a;
  };
  auto values_of = [](const Kept::Answer& a) {
    return std::vector<uint16_t>(a.values.begin(), a.values.begin() + a.count);
  };
  Kept::Slot slot;
  Kept::Answer out;
  EXPECT_FALSE(slot.recall(0, 0, "", out));  // an empty slot answers nothing, not even pattern 0
  slot.keep(7, 1, "项目", answer_of({2, 5}));
  EXPECT_TRUE(slot.recall(7, 1, "项目", out));
  EXPECT_EQ(values_of(out), (std::vector<uint16_t>{2, 5}));
  EXPECT_FALSE(slot.recall(8, 1, "项目", out));
  EXPECT_FALSE(slot.recall(7, 2, "项目", out));
  EXPECT_FALSE(slot.recall(7, 1, "项", out));
  EXPECT_FALSE(slot.recall(7, 1, "项日", out));
  slot.keep(7, 1, std::string(Kept::kLongestText + 1, 'x'), answer_of({1}));  // too long: not kept
  EXPECT_TRUE(slot.recall(7, 1, "项目", out));
  Kept::Answer too_many;
  too_many.count = Kept::kMostValues + 1;
  slot.keep(7, 1, "金额", too_many);  // too many values: not kept
  EXPECT_FALSE(slot.recall(7, 1, "金额", out));
  EXPECT_TRUE(slot.recall(7, 1, "项目", out));
  slot.keep(7, 1, "金额", answer_of({}));  // the slot now holds this question alone
  EXPECT_TRUE(slot.recall(7, 1, "金额", out));
  EXPECT_EQ(out.count, 0);
  EXPECT_FALSE(slot.recall(7, 1, "项目", out));
}

TEST(Grammar, AKeptTextIsRecalledOnlyForTheSameBytes) {
  // Of every length a slot keeps, a text that differs in any one byte is another question.
  using Kept = detail::RememberedMatches;
  Kept::Answer answer, out;
  answer.count = 1;
  for (size_t n = 0; n <= Kept::kLongestText; ++n) {
    std::string text;
    for (size_t k = 0; k < n; ++k) text += static_cast<char>('a' + k % 26);
    Kept::Slot slot;
    slot.keep(7, 1, text, answer);
    EXPECT_TRUE(slot.recall(7, 1, text, out)) << n;
    for (size_t k = 0; k < n; ++k) {
      std::string other = text;
      other[k] = '#';
      EXPECT_FALSE(slot.recall(7, 1, other, out)) << n << " bytes, byte " << k;
    }
  }
}

// Questions whose texts come to the same slots are each kept until as many newer ones have come
// there as there are ways: the oldest leaves first.
TEST(Grammar, KeptAnswersThatShareSlotsLeaveOldestFirst) {
  using Kept = detail::RememberedMatches;
  Kept cache;
  std::vector<std::string> same;  // texts whose questions (pattern 7, question 1) share their slots
  const Kept::Slot* slots = cache.ways(7, 1, "0");
  for (int n = 1; same.size() < Kept::kWays + 1; ++n) {
    if (cache.ways(7, 1, std::to_string(n)) == slots) same.push_back(std::to_string(n));
  }
  int asked = 0;
  auto ask = [&](const std::string& text) {
    return cache.answer(7, 1, text, [&] {
      ++asked;
      Kept::Answer a;
      a.count = 1;
      a.values[0] = static_cast<uint16_t>(std::stoi(text));
      return a;
    });
  };
  for (const std::string& t : same) EXPECT_EQ(ask(t).values[0], std::stoi(t));
  EXPECT_EQ(asked, static_cast<int>(same.size()));
  // All but the first are kept, and answered from the slots in any order.
  for (size_t k = same.size(); k-- > 1;) EXPECT_EQ(ask(same[k]).values[0], std::stoi(same[k]));
  EXPECT_EQ(asked, static_cast<int>(same.size()));
  ask(same[0]);  // asked again, and kept: same[1], now the oldest, leaves
  EXPECT_EQ(asked, static_cast<int>(same.size()) + 1);
  ask(same[0]);
  ask(same.back());
  EXPECT_EQ(asked, static_cast<int>(same.size()) + 1);
  ask(same[1]);
  EXPECT_EQ(asked, static_cast<int>(same.size()) + 2);
}

TEST(Grammar, PatternsAnswerAlikeWhenAskedAgain) {
  // Each question twice, the second answered from what the thread kept, with groups and without,
  // anchored and not, for short texts and one too long to keep.
  const std::vector<std::string> sources = {"项目", "(项)目",     "项(目)",     "^项",   "目$",
                                            "\\d+", "(\\d+)万元", "\\d+(万元)", "[^万]+"};
  const std::vector<std::string> texts = {
      "项目", "12项目", "项目34", "56万元", "总计78万元合计", std::string(60, 'x') + "9万元项目", ""};
  for (const std::string& source : sources) {
    Pattern p = *Pattern::compile(source, nullptr);
    RE2 re(source);
    for (const std::string& t : texts) {
      for (int ask = 0; ask < 2; ++ask) {
        SCOPED_TRACE(source + " on \"" + t + "\", ask " + std::to_string(ask));
        re2::StringPiece whole, group;
        const bool has_group = re.NumberOfCapturingGroups() > 0;
        auto expect = [&](const std::optional<Match>& m, bool found) {
          ASSERT_EQ(m.has_value(), found);
          if (!found) return;
          EXPECT_EQ(m->begin, static_cast<size_t>(whole.data() - t.data()));
          EXPECT_EQ(m->end, m->begin + whole.size());
          const re2::StringPiece& key = has_group ? group : whole;
          EXPECT_EQ(m->key, std::string_view(key.data(), key.size()));
          EXPECT_EQ(m->key_begin, static_cast<size_t>(key.data() - t.data()));
        };
        re2::StringPiece text(t), groups[2];
        bool found = re.Match(text, 0, t.size(), RE2::ANCHOR_START, groups, has_group ? 2 : 1);
        whole = groups[0], group = groups[1];
        expect(p.match_prefix(t), found);
        EXPECT_EQ(p.matches(Anchor::kPrefix, t), found);
        found = re.Match(text, 0, t.size(), RE2::UNANCHORED, groups, has_group ? 2 : 1);
        whole = groups[0], group = groups[1];
        expect(p.find(t), found);
        EXPECT_EQ(p.matches(Anchor::kAnywhere, t), found);
        EXPECT_EQ(p.match_full(t), RE2::FullMatch(t, re));
        RE2 suffix("(?:" + source + ")$");
        found = suffix.Match(text, 0, t.size(), RE2::UNANCHORED, groups, has_group ? 2 : 1);
        whole = groups[0], group = groups[1];
        expect(p.match_suffix(t), found);
        EXPECT_EQ(p.matches(Anchor::kSuffix, t), found);
      }
    }
  }
}

TEST(Grammar, RequiredWordsAreThoseEveryMatchHolds) {
  auto may_match = [](const char* source, const char* text) {
    return Pattern::compile(source, nullptr)->may_match(Anchor::kAnywhere, text);
  };
  EXPECT_TRUE(may_match("(?:金额|货币)?单位[:]?\\s*(万元|元|亿元)", "单位:万元"));
  EXPECT_FALSE(may_match("(?:金额|货币)?单位[:]?\\s*(万元|元|亿元)", "金额3"));  // no 单位, no 元
  // A match needs 单位 and one of the units: a text with a unit but no 单位 has none either.
  EXPECT_FALSE(may_match("(?:金额|货币)?单位[:]?\\s*(万元|元|亿元)", "收入总计3万元"));
  EXPECT_TRUE(may_match("(?:金额|货币)?单位[:]?\\s*(万元|元|亿元)", "金额单位 万元"));
  // Of words needed together the longer is looked for: 预算, not 数 or 额.
  EXPECT_FALSE(may_match("预算.{0,3}(?:数|额)", "支出数"));
  EXPECT_TRUE(may_match("预算.{0,3}(?:数|额)", "预算总额"));
  EXPECT_TRUE(may_match("预算.{0,3}(?:数|额)", "预算"));  // no match, but the word is there
  EXPECT_TRUE(may_match("预算|决算", "部门决算"));
  EXPECT_FALSE(may_match("预算|决算", "收入"));
  EXPECT_FALSE(may_match("一?二", "一"));  // 二 is required, 一 is not
  EXPECT_TRUE(may_match("一?二", "二"));
  // Nothing is required of what may match without a word: every text may match.
  EXPECT_TRUE(may_match("[0-9]+%", "收入"));
  EXPECT_TRUE(may_match("(预算)?", ""));
  // RE2 lowercases the words it finds; a pattern with a letter that has case is not filtered.
  EXPECT_TRUE(may_match("PDF文件", "PDF文件"));
  EXPECT_TRUE(may_match("(?i)pdf文件", "PDF文件"));
  // And the queries honour it: a text without the word has no match anywhere.
  auto p = Pattern::compile("单位[:]?(万元|元)", nullptr);
  EXPECT_FALSE(p->find("收入总计3万"));
  EXPECT_TRUE(p->find("收入 单位:万元"));
  EXPECT_FALSE(p->matches(Anchor::kAnywhere, "金额"));
  // A long text is not searched for the words before a match anchored at one end (the expression
  // stops at once): the answers are the same. (How the text starts rules it out at its start.)
  std::string filler;
  while (filler.size() <= 2048) filler += "收入总计3万";
  EXPECT_FALSE(p->may_match(Anchor::kAnywhere, filler));
  EXPECT_FALSE(p->may_match(Anchor::kPrefix, filler));
  auto q = Pattern::compile("[^a]?单位[:]?(万元|元)", nullptr);  // may start with anything
  EXPECT_FALSE(q->may_match(Anchor::kAnywhere, filler));
  EXPECT_TRUE(q->may_match(Anchor::kPrefix, filler));
  EXPECT_FALSE(q->may_match(Anchor::kPrefix, filler.substr(0, 1020)));
  EXPECT_FALSE(q->matches(Anchor::kPrefix, filler));
  EXPECT_TRUE(p->may_match(Anchor::kSuffix, filler));
  EXPECT_FALSE(p->may_match(Anchor::kPrefix, filler.substr(0, 1020)));
  EXPECT_FALSE(p->match_prefix(filler));
  EXPECT_FALSE(p->match_suffix(filler));
  EXPECT_TRUE(p->match_prefix("单位:万元" + filler));
  EXPECT_TRUE(p->match_suffix(filler + "单位:万元"));
  EXPECT_FALSE(p->matches(Anchor::kPrefix, filler + "单位:万元"));
}

TEST(Grammar, RequiredWordsAreFoundWhateverSurroundsThem) {
  // Pieces of text: Han characters, ASCII, two- and four-byte characters, and broken UTF-8 (a lone
  // continuation byte, a lead without its tail) that must not hide the character after it.
  const std::vector<std::string> pieces = {"年", "预",   "算",   "一",       ".",        "a", "é",
                                           "𠀀", "\xB4", "\xE5", "\xE5\xB9", "\xF0\x90", " "};
  std::vector<std::string> words = {"预算", "一.",           "年", "é年",   "𠀀a",
                                    "算预", "a\xE5\xB9\xB4", "..", "年年年"};
  const size_t some = words.size();
  // Then more words, of which some end in characters that share the pass's index of last
  // characters (一 and 𠀀 both end in the twelve bits 0xE00 and 0x000, which fall together).
  const std::vector<std::string> characters = {"年", "预", "算", "一", ".", "a", "é", "𠀀"};
  for (size_t i = 0; i < characters.size(); ++i) {
    for (size_t j = 0; j < characters.size(); ++j) {
      if ((i * 7 + j * 3) % 5 == 0) words.push_back(characters[i] + characters[j] + characters[(i + j) % 8]);
    }
  }
  // Up to eight words, each of two bytes or more: by their last two bytes, sixteen places at a time
  // (a text of sixteen bytes or less pair by pair); with a word of one byte, one word at a time;
  // more words: in one pass over the characters. Texts of up to 31 pieces (124 bytes).
  const std::vector<std::vector<std::string>> word_lists = {{words.begin(), words.begin() + 2},
                                                            {words.begin(), words.begin() + 8},
                                                            {words.begin(), words.begin() + some},
                                                            words,
                                                            {"a", "预算", "é年"}};
  for (const std::vector<std::string>& given : word_lists) {
    detail::RequiredWords required(given);
    uint32_t state = 12345;
    for (int trial = 0; trial < 20000; ++trial) {
      std::string text;
      for (int k = trial % 31; k >= 0; --k) {
        state = state * 1103515245u + 12345u;
        text += pieces[(state >> 16) % pieces.size()];
      }
      bool naive = false;
      for (const std::string& w : given) naive |= text.find(w) != std::string::npos;
      ASSERT_EQ(required.any_in(text), naive) << "\"" << text << "\" with " << given.size() << " words";
    }
  }
  // A text over 16 KB is read in one pass whatever the number of words: a word at its very end
  // is found, and a word cut by the end is not.
  detail::RequiredWords few({"预算", "决算"});
  std::string long_text;
  while (long_text.size() <= 20000) long_text += "收入支出a";
  EXPECT_FALSE(few.any_in(long_text));
  EXPECT_TRUE(few.any_in(long_text + "决算"));
  EXPECT_FALSE(few.any_in(long_text + "决"));
  EXPECT_TRUE(few.any_in("预算" + long_text));
}

TEST(Grammar, RequiredWordsLookOnlyForWordsThatHoldNoOther) {
  // A text that holds "万元" or "(元)" holds "元": looking for "元" answers for all three. A word
  // given twice is looked for once; words that hold none of the others keep their order.
  detail::RequiredWords unit({"万元", "元", "(元)", "单位", "元", "单位名称", "亿"});
  EXPECT_EQ(unit.words(), (std::vector<std::string>{"元", "单位", "亿"}));
  EXPECT_TRUE(unit.any_in("(万元)"));
  EXPECT_TRUE(unit.any_in("单位"));
  EXPECT_FALSE(unit.any_in("万"));
  // Words that only share characters stay.
  detail::RequiredWords apart({"预算", "算预", "预"});
  EXPECT_EQ(apart.words(), (std::vector<std::string>{"预"}));
  detail::RequiredWords kept({"预算", "算预"});
  EXPECT_EQ(kept.words(), (std::vector<std::string>{"预算", "算预"}));
}

// Every pattern attribute of the built-in grammar files, XML entities decoded.
std::vector<std::string> builtin_pattern_sources() {
  std::vector<std::string> out;
  for (const std::string& file : grammar_file_names()) {
    pugi::xml_document doc;
    std::string text(builtin_grammar(file));
    if (!doc.load_buffer(text.data(), text.size())) continue;
    for (pugi::xpath_node n : doc.select_nodes("//*[@pattern]"))
      out.push_back(n.node().attribute("pattern").value());
  }
  return out;
}

// What a pattern asks before it runs (the words a match holds, where a match at the start lies) must
// never rule out a text that has a match: every pattern of the built-in grammar, asked anywhere, at
// the start and of the whole text, answers as RE2 alone does.
TEST(Grammar, PrefiltersNeverHideAMatch) {
  // The folded lines of the documents in corpus/ (and the seeds beside the tree), and their halves.
  std::vector<std::string> texts;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() + "/corpus")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  if (testing::exists(testing::shared_dir() + "/seeds/001_09aba54321373955.txt")) {
    files.push_back(testing::shared_dir() + "/seeds/001_09aba54321373955.txt");
  }
  for (const std::string& file : files) {
    std::string body = testing::read_file(file);
    if (!text::is_valid_utf8(body)) continue;  // the GBK fixtures
    for (size_t b = 0, e; b < body.size(); b = e + 1) {
      e = std::min(body.find('\n', b), body.size());
      std::string key = text::match_key(std::string_view(body).substr(b, e - b));
      texts.push_back(key);
      size_t half = key.size() / 2;
      while (half > 0 && text::is_continuation(key[half])) --half;
      texts.push_back(key.substr(0, half));
    }
  }
  ASSERT_GT(texts.size(), 1000u);
  std::vector<std::string> sources = builtin_pattern_sources();
  ASSERT_GT(sources.size(), 100u);
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  size_t filtered = 0, started = 0, hidden = 0;
  for (const std::string& source : sources) {
    auto pattern = Pattern::compile(source, nullptr);
    ASSERT_TRUE(pattern) << source;
    RE2 plain(source, options);
    size_t passed = 0, may_start = 0;
    for (const std::string& t : texts) {
      bool any = RE2::PartialMatch(t, plain), whole = RE2::FullMatch(t, plain);
      bool prefix = plain.Match(t, 0, t.size(), RE2::ANCHOR_START, nullptr, 0);
      passed += pattern->may_match(Anchor::kAnywhere, t);
      may_start += pattern->may_match(Anchor::kPrefix, t);
      if (any && !pattern->may_match(Anchor::kAnywhere, t)) ++hidden;
      if (prefix && !pattern->may_match(Anchor::kPrefix, t)) ++hidden;
      if (whole && !pattern->may_match(Anchor::kFull, t)) ++hidden;
      EXPECT_EQ(pattern->matches(Anchor::kAnywhere, t), any) << source << " on \"" << t << "\"";
      EXPECT_EQ(pattern->matches(Anchor::kPrefix, t), prefix) << source << " on \"" << t << "\"";
      EXPECT_EQ(pattern->match_full(t), whole) << source << " on \"" << t << "\"";
    }
    filtered += passed < texts.size();
    started += may_start < texts.size();
  }
  EXPECT_EQ(hidden, 0u);
  EXPECT_GT(filtered, sources.size() / 2);  // most patterns have words to look for first
  EXPECT_GT(started, sources.size() / 2);   // and rule out texts by how they start
}

TEST(Grammar, StartRangesHoldTheTextsThatStartInThem) {
  using detail::StartRange;
  using detail::StartRanges;
  // As RE2 gives them for the page numbers 第3页 and 12/40.
  StartRanges pages(std::vector<StartRange>{{"第1", "第9页"}, {"0/", "999/9"}});
  EXPECT_TRUE(pages.may_start("第3页"));
  EXPECT_TRUE(pages.may_start("第1"));
  EXPECT_TRUE(pages.may_start("12/40"));
  EXPECT_TRUE(pages.may_start("5"));          // "5" lies between 0/ and 999/9
  EXPECT_FALSE(pages.may_start("第一部分"));  // 第, below 第1; 第一 and longer, above 第9页
  EXPECT_FALSE(pages.may_start("第"));
  EXPECT_FALSE(pages.may_start("收入"));
  EXPECT_FALSE(pages.may_start("-5-"));  // below 0/
  EXPECT_FALSE(pages.may_start(""));
  EXPECT_TRUE(pages.may_be("第3页"));
  EXPECT_TRUE(pages.may_be("第9页"));
  EXPECT_FALSE(pages.may_be("第"));
  EXPECT_FALSE(pages.may_be("第9页共"));  // above 第9页
  // A range whose min is empty holds a match of nothing: every text may start with one.
  StartRanges empty(std::vector<StartRange>{{"", "abc"}});
  EXPECT_TRUE(empty.may_start("收入"));
  EXPECT_TRUE(empty.may_be(""));
  EXPECT_FALSE(empty.may_be("b"));
  // Ranges that overlap are one.
  StartRanges merged(std::vector<StartRange>{{"b", "d"}, {"a", "c"}, {"x", "y"}});
  EXPECT_EQ(merged.ranges().size(), 2u);
  EXPECT_TRUE(merged.may_be("cz"));
  EXPECT_FALSE(merged.may_be("e"));
}

TEST(Grammar, StartRangesAreThoseOfEachAlternativeAtTheTop) {
  // The ranges of a pattern compiled as the grammar compiles it.
  auto start_ranges_of = [](const std::string& source) {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    return detail::start_ranges_of(RE2(source, options));
  };
  // Split at the top: the two ranges of 收入合计 and 支出合计, not one from 收 to 支 and beyond.
  EXPECT_EQ(start_ranges_of("收入合计|支出合计").size(), 2u);
  EXPECT_EQ(start_ranges_of("(?:本年)?收入合计|(支出)合计").size(), 2u);
  // A plain word is its own range; an alternative with an operator is RE2's.
  EXPECT_EQ(start_ranges_of("栏次|行次"),
            (std::vector<detail::StartRange>{{"栏次", "栏次"}, {"行次", "行次"}}));
  EXPECT_NE(start_ranges_of("栏次|行.")[1], detail::StartRange("行.", "行."));
  // Not split inside brackets, classes, or after an escape.
  EXPECT_EQ(start_ranges_of("(?:收入|支出)合计").size(), 1u);
  EXPECT_EQ(start_ranges_of("[|]合计").size(), 1u);
  EXPECT_EQ(start_ranges_of("[]|]合计").size(), 1u);
  EXPECT_EQ(start_ranges_of("[a[:digit:]|]合计").size(), 1u);
  EXPECT_EQ(start_ranges_of("[\\]|]合计").size(), 1u);
  EXPECT_EQ(start_ranges_of("a\\|b").size(), 1u);
  // A flag holds for the alternatives after it: such a pattern is taken whole.
  EXPECT_EQ(start_ranges_of("(?i)a|b").size(), 1u);
  // A pattern that may start with anything rules out no text.
  EXPECT_TRUE(detail::StartRanges(start_ranges_of(".*合计")).may_start("收入"));
  EXPECT_TRUE(detail::StartRanges(start_ranges_of("合计|.*总计")).may_start("收入"));
  EXPECT_FALSE(detail::StartRanges(start_ranges_of("合计|总计")).may_start("收入"));
}

TEST(Grammar, UnitWordThatFoldsToNothingIsRefused) {
  std::string dir = testing::temp_dir("grammar");
  std::string units(builtin_grammar("units.xml"));
  units.insert(units.find("</units>"), "  <money word=\"\u3000\" power=\"4\"/>\n");
  std::ofstream(dir + "/units.xml") << units;
  auto r = load_grammar(dir);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kBadValue);
  EXPECT_NE(r.error().message.find("units.xml:"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace budgetlens::grammar
