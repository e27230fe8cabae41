#include "extract/fused_rows.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

struct Token {
  bool number = false;
  size_t begin = 0, end = 0;
};

struct Row {
  size_t text_begin = 0;
  size_t label_begin = 0, label_end = 0;
  std::vector<Token> runs;
  std::optional<Token> rate_run;  // digits before a '%'
  bool total = false;
  bool named = true;  // a row without a name keeps its runs from the row before, and gives none
};

// Splits a digit run at its decimals: "372.88504.55" -> "372.88", "504.55" when figures print
// `places` decimals. The first piece may still hold whole numbers in front ("814662.98").
std::vector<std::string_view> split_at_decimals(std::string_view run, int places) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < run.size()) {
    size_t dot = run.find('.', start);
    if (dot == std::string_view::npos) {
      out.push_back(run.substr(start));
      break;
    }
    size_t end = std::min(run.size(), dot + 1 + places);
    out.push_back(run.substr(start, end - start));
    start = end;
  }
  return out;
}

int decimals_of(std::string_view s) {
  size_t dot = s.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

// All ways of cutting `s` into `parts` non-empty numbers without a leading zero (unless "0").
void cuts(std::string_view s, int parts, std::vector<std::string_view>& current,
          std::vector<std::vector<std::string_view>>& out) {
  if (parts == 1) {
    if (!s.empty() && (s[0] != '0' || s.size() == 1 || s[1] == '.')) {
      current.push_back(s);
      out.push_back(current);
      current.pop_back();
    }
    return;
  }
  for (size_t len = 1; len < s.size(); ++len) {
    std::string_view head = s.substr(0, len);
    if (head.find('.') != std::string_view::npos && head.back() == '.') continue;
    if (head.size() > 1 && head[0] == '0' && head[1] != '.') break;
    current.push_back(head);
    cuts(s.substr(len), parts - 1, current, out);
    current.pop_back();
  }
}

struct RateSplit {
  std::vector<std::string_view> amounts;
  std::string_view rate;  // empty for a run split as another row's was
};

// Longer runs are no fund row: three amounts of seven digits, a weight and a rate are shorter.
constexpr size_t kLongestRateRun = 40;

// The cells of a run that ends in a rate, as a self-evaluation form's fund row prints them
// (年初预算数, 全年预算数, 全年执行数, 分值, 执行率): two or three amounts of at most two decimals,
// a whole weight or none, and the rate, which is the last amount over the one before it (rounded
// to its printed decimals). Only where exactly one split makes it so.
std::optional<RateSplit> split_by_rate(std::string_view run) {
  if (run.size() > kLongestRateRun) return std::nullopt;
  std::optional<RateSplit> found;
  int agreeing = 0;
  std::vector<std::string_view> pieces;
  auto judge = [&] {
    const std::string_view rate_text = pieces.back();
    const std::optional<Decimal> rate = Decimal::parse(rate_text);
    for (size_t weights = 0; weights <= 1; ++weights) {
      if (pieces.size() < 3 + weights || pieces.size() > 4 + weights) continue;
      const size_t amounts = pieces.size() - 1 - weights;
      if (weights) {
        const std::optional<Decimal> w = Decimal::parse(pieces[amounts]);
        if (pieces[amounts].find('.') != std::string_view::npos || w->is_zero() ||
            *w > Decimal::from_int(100))
          continue;
      }
      const std::optional<Decimal> a = Decimal::parse(pieces[amounts - 2]),
                                   b = Decimal::parse(pieces[amounts - 1]);
      if (Decimal::divide(*b * Decimal::from_int(100), *a, decimals_of(rate_text)) != rate) continue;
      ++agreeing;
      found = RateSplit{{pieces.begin(), pieces.begin() + amounts}, rate_text};
    }
  };
  // Every cell a number of at most one point and two decimals, with no point at either end and no
  // leading zero, that Decimal::parse reads: a cell stops growing where it would break one of these
  // for good.
  std::function<void(size_t)> split_from = [&](size_t at) {
    if (at == run.size()) {
      if (pieces.size() >= 3) judge();
      return;
    }
    if (pieces.size() == 5 || run[at] == '.') return;
    for (size_t end = at + 1; end <= run.size(); ++end) {
      const std::string_view cell = run.substr(at, end - at);
      if (cell.size() > Decimal::kMaxDigits || (cell.size() > 1 && cell[0] == '0' && cell[1] != '.')) break;
      const size_t point = cell.find('.');
      if (point != std::string_view::npos &&
          (cell.find('.', point + 1) != std::string_view::npos || decimals_of(cell) > 2))
        break;
      if (cell.back() == '.') continue;
      pieces.push_back(cell);
      split_from(end);
      pieces.pop_back();
    }
  };
  split_from(0);
  if (agreeing != 1) return std::nullopt;
  return found;
}

}  // namespace

std::vector<FusedFigure> read_fused_rows(std::string_view key, const std::vector<bool>& masked,
                                         const grammar::Grammar& grammar) {
  // Tokens: digit runs (digits and points) not masked and not next to an ASCII letter, and text
  // up to the next such run. (A digit after a letter is text even where no mask took it, as a
  // grammar without the built-in identifier mask leaves it.)
  auto run_starts = [&](size_t i) {
    return digit(key[i]) && !masked[i] && (i == 0 || !std::isalpha(static_cast<unsigned char>(key[i - 1])));
  };
  auto token_at = [&](size_t i) {
    size_t j = i;
    if (run_starts(i)) {
      while (j < key.size() && (digit(key[j]) || key[j] == '.') && !masked[j]) ++j;
      return Token{true, i, j};
    }
    for (++j; j < key.size() && !run_starts(j);) ++j;
    return Token{false, i, j};
  };
  // Only a run of two points or more ("1.2.3") tells of fused cells; most paragraphs print none,
  // and are read without keeping their tokens.
  bool fused = false;
  for (size_t i = 0; i < key.size() && !fused;) {
    const Token t = token_at(i);
    fused = t.number && std::count(key.begin() + t.begin, key.begin() + t.end, '.') >= 2;
    i = t.end;
  }
  if (!fused) return {};
  std::vector<Token> tokens;
  for (size_t i = 0; i < key.size(); i = tokens.back().end) tokens.push_back(token_at(i));

  // The decimals this table prints: the commonest among its runs' decimal parts.
  std::map<int, int> places;
  for (const Token& t : tokens) {
    std::string_view run = key.substr(t.begin, t.end - t.begin);
    if (!t.number) continue;
    size_t dot = run.find('.');
    if (dot == std::string_view::npos) continue;
    size_t next = run.find('.', dot + 1);
    int d = static_cast<int>((next == std::string_view::npos ? run.size() : next) - dot - 1);
    if (next != std::string_view::npos) d = std::min(d, 2);
    ++places[std::min(d, 4)];
  }
  int q = 2, best = 0;
  for (const auto& [d, n] : places) {
    if (n > best) q = d, best = n;
  }

  // Rows: a name, then its runs; explanations between do not start rows.
  std::vector<Row> rows;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.number) {
      // A run that ends in a percentage ("310.2154.741050%": 310.2, 154.74, 10 and 50%) holds cells
      // of other kinds than amounts, fused where no decimals part them: it is no run of amounts,
      // and is split by its rate (split_by_rate).
      const bool percent = t.end < key.size() && key[t.end] == '%';
      if (rows.empty()) continue;
      if (!percent) {
        rows.back().runs.push_back(t);
      } else if (!rows.back().rate_run) {
        rows.back().rate_run = t;
      }
      continue;
    }
    std::string_view text = key.substr(t.begin, t.end - t.begin);
    bool explanation = grammar.labels.explanation.valid() && grammar.labels.explanation.match_prefix(text);
    bool starts_row = !explanation && k + 1 < tokens.size() && tokens[k + 1].number;
    if (!starts_row) continue;
    // The name is the tail of the text after its last clause mark, but for a mark that ends it
    // ("年度资金总额:310.2…").
    auto boundary = [&](char32_t c) { return grammar.labels.boundaries.find(c) != std::u32string::npos; };
    size_t name_end = t.end;
    if (size_t i = t.end; i > t.begin && boundary(text::prev_char(key, i))) name_end = i;
    size_t b = t.begin;
    for (size_t i = t.begin; i < name_end;) {
      if (boundary(text::next_char(key, i))) b = i;
    }
    // A name glued to the header before it ("…2021年实际执行数保安服务费") starts after the header.
    for (size_t i = b; i < name_end; ++i) {
      if (masked[i]) b = i + 1;
    }
    if (grammar.labels.header_tail.valid()) {
      if (auto m = grammar.labels.header_tail.match_prefix(key.substr(b, name_end - b));
          m && b + m->end < name_end)
        b += m->end;
    }
    // A row of a table has a name: runs after a list number or a mark alone ("3、2.512.5") are not one.
    bool named = false;
    for (size_t i = b; i < name_end && !named;) {
      const char32_t c = text::next_char(key, i);
      named = text::is_han(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)));
    }
    Row row;
    row.text_begin = t.begin;
    row.named = named;
    row.label_begin = b;
    row.label_end = name_end;
    row.total =
        grammar.tables.total_row.valid() && grammar.tables.total_row.match_full(key.substr(b, name_end - b));
    rows.push_back(row);
  }

  // Rows of a run that ends in a rate, and rows of one run of the same digits: the rate says
  // where they part ("其中:本年一般公共预算拨款 310.2154.74" under "310.2154.741050%").
  std::vector<std::optional<RateSplit>> by_rate(rows.size());
  bool rated = false;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (!row.named || !row.rate_run || !row.runs.empty()) continue;
    std::string_view run = key.substr(row.rate_run->begin, row.rate_run->end - row.rate_run->begin);
    if (std::count(run.begin(), run.end(), '.') >= 2) by_rate[r] = split_by_rate(run);
    rated |= by_rate[r].has_value();
    if (by_rate[r] && grammar.labels.fund_total.valid()) {
      const std::string_view text = key.substr(row.text_begin, row.label_end - row.text_begin);
      if (auto m = grammar.labels.fund_total.find(text)) {
        rows[r].label_begin = row.text_begin + m->begin;
        rows[r].label_end = row.text_begin + m->end;
      }
    }
  }
  // The rows split by their rates, by their amounts' digits: each other row is looked up once, however
  // many rows a paragraph holds.
  std::unordered_map<std::string_view, size_t> rated_digits;
  for (size_t r = 0; r < rows.size() && rated; ++r) {
    if (!by_rate[r]) continue;
    const std::vector<std::string_view>& parts = by_rate[r]->amounts;
    rated_digits.emplace(std::string_view(parts.front().data(),
                                          parts.back().data() + parts.back().size() - parts.front().data()),
                         r);
  }
  for (size_t r = 0; r < rows.size() && rated; ++r) {
    if (!rows[r].named || rows[r].runs.size() != 1 || by_rate[r]) continue;
    const std::string_view run =
        key.substr(rows[r].runs[0].begin, rows[r].runs[0].end - rows[r].runs[0].begin);
    auto it = rated_digits.find(run);
    if (it == rated_digits.end()) continue;
    const std::vector<std::string_view>& parts = by_rate[it->second]->amounts;
    RateSplit same;
    for (std::string_view p : parts)
      same.amounts.push_back(run.substr(p.data() - parts.front().data(), p.size()));
    by_rate[r] = same;
  }

  // Figures per row: the most any row holds for certain (whole runs plus decimal splits), the rows
  // the rate splits aside.
  size_t columns = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!rows[r].named || by_rate[r]) continue;
    size_t n = 0;
    for (const Token& t : rows[r].runs)
      n += split_at_decimals(key.substr(t.begin, t.end - t.begin), q).size();
    columns = std::max(columns, n);
  }
  const bool tabular = columns >= 2;
  if (!tabular && !rated) return {};

  // Each row's figures as strings, or nullopt when they cannot be had for certain.
  std::vector<std::optional<std::vector<std::string_view>>> values(rows.size());
  auto expand = [&](const Row& r) {
    std::vector<std::string_view> pieces;
    for (const Token& t : r.runs) {
      for (std::string_view p : split_at_decimals(key.substr(t.begin, t.end - t.begin), q)) pieces.push_back(p);
    }
    return pieces;
  };
  // Which run of a row holds which figures, learnt from the rows that show it unambiguously.
  std::vector<size_t> pattern;
  for (size_t k = 0; k < rows.size() && tabular; ++k) {
    const Row& r = rows[k];
    if (r.total || !r.named || expand(r).size() != columns) continue;
    for (const Token& t : r.runs) pattern.push_back(split_at_decimals(key.substr(t.begin, t.end - t.begin), q).size());
    break;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!tabular || rows[r].total || !rows[r].named) continue;
    std::vector<std::string_view> pieces = expand(rows[r]);
    if (pieces.size() == columns) {
      values[r] = pieces;
      continue;
    }
    if (pieces.size() + 1 != columns || rows[r].runs.size() != pattern.size()) continue;
    // One piece holds two figures — the one in the run that holds two elsewhere — and it splits
    // with certainty only where it repeats itself.
    for (size_t p = 0; p < pieces.size(); ++p) {
      if (pieces.size() == pattern.size() && pattern[p] != 2) continue;
      std::string_view s = pieces[p];
      if (s.size() % 2 == 0 && s.substr(0, s.size() / 2) == s.substr(s.size() / 2)) {
        std::vector<std::string_view> out(pieces.begin(), pieces.begin() + p);
        out.push_back(s.substr(0, s.size() / 2));
        out.push_back(s.substr(s.size() / 2));
        out.insert(out.end(), pieces.begin() + p + 1, pieces.end());
        values[r] = out;
        break;
      }
    }
  }
  // A total row splits where its columns add up to it.
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!tabular || !rows[r].total) continue;
    std::vector<std::string_view> pieces = expand(rows[r]);
    if (pieces.empty() || pieces.size() > columns) continue;
    std::vector<Decimal> sums(columns);
    bool complete = false;
    for (size_t o = 0; o < r; ++o) {
      if (!values[o]) continue;
      complete = true;
      for (size_t c = 0; c < columns; ++c) sums[c] = sums[c] + Decimal::parse((*values[o])[c]).value_or(Decimal());
    }
    if (!complete) continue;
    std::vector<std::vector<std::string_view>> options;
    std::vector<std::string_view> current;
    // Only the first piece may hold extra whole numbers; the rest are split at decimals already.
    size_t extra = columns - pieces.size();
    cuts(pieces.front(), static_cast<int>(extra + 1), current, options);
    std::vector<std::string_view> chosen;
    int agreeing = 0;
    for (const auto& head : options) {
      std::vector<std::string_view> all(head);
      all.insert(all.end(), pieces.begin() + 1, pieces.end());
      size_t matches = 0;
      for (size_t c = 0; c < columns; ++c) matches += Decimal::parse(all[c]).value_or(Decimal()) == sums[c];
      // A split is certain when it makes every column but at most one add up, and only it does.
      if (matches + 1 >= columns && matches > 0) {
        ++agreeing;
        chosen = all;
      }
    }
    if (agreeing == 1) values[r] = chosen;
  }

  // The rate's split stands, whatever the table's columns made of its rows.
  for (size_t r = 0; r < rows.size(); ++r) {
    if (by_rate[r]) values[r] = by_rate[r]->amounts;
  }

  std::vector<FusedFigure> out;
  auto add = [&](std::string_view v, size_t r, int column) {
    std::optional<Decimal> d = Decimal::parse(v);
    if (!d) return;
    FusedFigure f;
    f.begin = static_cast<size_t>(v.data() - key.data());
    f.end = f.begin + v.size();
    f.value = *d;
    f.decimals = decimals_of(v);
    f.rate = column < 0;
    f.label_begin = rows[r].label_begin;
    f.label_end = rows[r].label_end;
    f.row = static_cast<int>(r);
    f.column = column;
    out.push_back(f);
  };
  for (size_t r = 0; r < rows.size(); ++r) {
    if (by_rate[r] && !by_rate[r]->rate.empty()) add(by_rate[r]->rate, r, -1);
    if (!values[r]) continue;
    for (size_t c = 0; c < values[r]->size(); ++c) add((*values[r])[c], r, static_cast<int>(c));
  }
  return out;
}

}  // namespace budgetlens::extract::detail
