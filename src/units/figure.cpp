#include <array>
#include <string>

#include "text/utf8.h"
#include "units/units.h"

namespace budgetlens::units {
namespace {

bool digit(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// Comparators printed before a figure ("≥90%", "≤ 10"), longer ones before their prefixes.
constexpr std::string_view kComparators[] = {"≥", "≤", ">=", "<=", ">", "<", "="};

// True iff `word` is written at s[i]. Asked around every figure for each approximation word and
// comparator: compared in place (text::same_bytes), without a call to compare a few bytes.
bool word_at(std::string_view s, size_t i, std::string_view word) {
  return i <= s.size() && s.size() - i >= word.size() &&
         text::same_bytes(s.data() + i, word.data(), word.size());
}

const grammar::ApproxWord* approx_at(std::string_view s, size_t i, const grammar::UnitGrammar& units,
                                     grammar::ApproxWord::Where where) {
  for (const grammar::ApproxWord& a : units.approx) {
    if (a.where == where && word_at(s, i, a.word)) return &a;
  }
  return nullptr;
}

// The approximation word written at position i, after a number ("900余人"), if any.
const grammar::ApproxWord* approx_after(std::string_view s, size_t i, const grammar::UnitGrammar& units) {
  if (i >= s.size() || !units.approx_after_starts[static_cast<unsigned char>(s[i])]) return nullptr;
  return approx_at(s, i, units, grammar::ApproxWord::Where::kAfter);
}

// The approximation word written right before position i ("约90%"), if any.
const grammar::ApproxWord* approx_before(std::string_view s, size_t i, const grammar::UnitGrammar& units) {
  if (i == 0 || !units.approx_before_ends[static_cast<unsigned char>(s[i - 1])]) return nullptr;
  for (const grammar::ApproxWord& a : units.approx) {
    if (a.where == grammar::ApproxWord::Where::kBefore && i >= a.word.size() &&
        word_at(s, i - a.word.size(), a.word))
      return &a;
  }
  return nullptr;
}

// The bytes that end one of kComparators: a figure with none of them before it has no comparator.
constexpr std::array<bool, 256> kComparatorEnds = [] {
  std::array<bool, 256> ends{};
  for (std::string_view c : kComparators) ends[static_cast<unsigned char>(c.back())] = true;
  return ends;
}();

// The comparator written right before position i, if any ("≥90%", "≤ 10").
std::string_view comparator_before(std::string_view s, size_t i) {
  i = i > 0 && s[i - 1] == ' ' ? i - 1 : i;
  if (i == 0 || !kComparatorEnds[static_cast<unsigned char>(s[i - 1])]) return {};
  for (std::string_view c : kComparators) {
    if (i >= c.size() && word_at(s, i - c.size(), c)) return c;
  }
  return {};
}

}  // namespace

std::optional<Figure> read_figure(std::string_view key, size_t pos, const grammar::UnitGrammar& units) {
  Figure f;
  size_t i = pos;
  if (i < key.size() && (key[i] == '-' || key[i] == '+')) {
    f.negative = key[i] == '-';
    ++i;
  }
  if (!digit(key, i)) return std::nullopt;
  f.number_begin = pos;
  std::string digits = f.negative ? "-" : "";
  while (digit(key, i)) {
    digits.push_back(key[i++]);
    // A comma separates thousands only when exactly three digits follow it.
    if (i < key.size() && key[i] == ',' && digit(key, i + 1) && digit(key, i + 2) && digit(key, i + 3) &&
        !digit(key, i + 4)) {
      f.separators = true;
      ++i;
    }
  }
  if (i < key.size() && key[i] == '.') {
    if (digit(key, i + 1)) {
      digits.push_back('.');
      ++i;
      while (digit(key, i)) {
        digits.push_back(key[i++]);
        ++f.decimals;
      }
    } else if (i + 1 >= key.size() || key[i + 1] == '%' || key[i + 1] == ' ' ||
               static_cast<unsigned char>(key[i + 1]) >= 0x80) {
      // "96.%": the point stays with the number; it promised decimals the writer left out.
      f.trailing_point = true;
      ++i;
    }
  }
  f.number_end = i;
  std::optional<Decimal> value = Decimal::parse(digits);
  if (!value) return std::nullopt;
  f.value = *value;

  f.begin = pos;
  if (std::string_view c = comparator_before(key, pos); !c.empty()) f.comparator = c;
  if (const grammar::ApproxWord* a = approx_before(key, pos, units)) {
    f.approx = a->word;
    f.begin = pos - a->word.size();
  }
  size_t j = skip_spaces(key, i);
  if (const auto* a = approx_after(key, j, units)) {
    f.approx = a->word;
    j += a->word.size();
    i = j;
  }
  j = skip_spaces(key, j);
  if (const grammar::UnitWord* u = units.unit_at(key.substr(j))) {
    f.unit = u;
    j += u->word.size();
    i = j;
    if (const auto* a = approx_after(key, j, units)) {
      if (f.approx.empty()) f.approx = a->word;  // "900余人次以上": the first word says how
      i = j + a->word.size();
    }
  }
  f.end = i;
  return f;
}

std::optional<Figure> cell_figure(std::string_view key, const grammar::UnitGrammar& units) {
  std::string_view k = text::trim(key);
  size_t start = 0;
  for (std::string_view c : kComparators) {
    if (word_at(k, 0, c)) {
      start = c.size();
      break;
    }
  }
  start = skip_spaces(k, start);
  const grammar::ApproxWord* approx = approx_at(k, start, units, grammar::ApproxWord::Where::kBefore);
  std::optional<Figure> f = read_figure(k, start + (approx ? approx->word.size() : 0), units);
  if (!f) return std::nullopt;
  size_t end = skip_spaces(k, f->end);
  // A cell such as "96%;" or "100%。" still holds one figure.
  while (end < k.size() && (k[end] == ';' || k[end] == '.' || k[end] == ',')) ++end;
  if (end < k.size() && k.substr(end) != "。") return std::nullopt;
  return f;
}

Decimal to_yuan(const Decimal& value, const grammar::UnitWord& unit) { return value.shifted(unit.power); }

std::string unit_name(const grammar::UnitWord& unit) { return unit.word; }

std::string_view kind_name(grammar::UnitKind kind) {
  switch (kind) {
    case grammar::UnitKind::kMoney: return "money";
    case grammar::UnitKind::kPercent: return "percent";
    case grammar::UnitKind::kCount: return "count";
    case grammar::UnitKind::kScore: return "score";
  }
  return "other";
}

}  // namespace budgetlens::units
