#include "layout/csv_table.h"

#include "text/utf8.h"

namespace budgetlens::layout::detail {
namespace {

class CsvReader {
 public:
  CsvReader(std::string_view text, const std::function<bool(uint32_t)>& continues,
            const std::function<bool(uint32_t)>& holds_field, bool spaces_break)
      : s_(text), continues_(continues), holds_field_(holds_field), spaces_break_(spaces_break) {}

  CsvRows read(uint32_t begin) {
    size_t p = begin;
    row_.range = {begin, begin};
    while (p < s_.size()) {
      size_t start = p;
      size_t q = p;
      while (q < s_.size() && s_[q] == ' ') ++q;
      if (q < s_.size() && s_[q] == '"') {
        if (spaces_break_ && q > start && !row_.cells.empty()) end_row(start);  // `, "项目"`: a lost break
        p = quoted(q);
      } else {
        size_t e = q;
        while (e < s_.size() && s_[e] != ',' && s_[e] != '\n') ++e;
        if (spaces_break_ && e == q && q > start && e < s_.size() && s_[e] == ',') {
          // `"20", ,"…"`: the space is a lost line break between two empty fields.
          add_field(start, start);
          end_row(start);
          add_field(q, q);
          p = e + 1;
          continue;
        }
        add_field(start, e);
        p = e;
      }
      // After a field: a comma, a line's end, or (where spaces break) a space before the next quote.
      size_t after = p;
      while (after < s_.size() && s_[after] == ' ') ++after;
      if (after < s_.size() && s_[after] == ',') {
        p = after + 1;
        continue;
      }
      if (after >= s_.size() || s_[after] == '\n') {
        end_row(after);
        p = after + 1;
        if (p >= s_.size() || !continues_(static_cast<uint32_t>(p))) {
          out_.end = static_cast<uint32_t>(std::min(after, s_.size()));
          return std::move(out_);
        }
        row_.range = {static_cast<uint32_t>(p), static_cast<uint32_t>(p)};
        continue;
      }
      if (spaces_break_ && after > p && s_[after] == '"') {
        end_row(p);
        p = after;
        continue;
      }
      // Text after a closing quote: it belongs to the field (a quote printed inside an unquoted cell).
      size_t e = after;
      while (e < s_.size() && s_[e] != ',' && s_[e] != '\n') ++e;
      if (!row_.cells.empty()) extend_last(e);
      p = e;
    }
    end_row(s_.size());
    out_.end = static_cast<uint32_t>(s_.size());
    return std::move(out_);
  }

 private:
  // The quoted field whose opening quote is at q; returns where it ends (past the closing quote). A
  // field whose quote never closes runs to the end of its line.
  size_t quoted(size_t q) {
    size_t i = q + 1;
    size_t line_end = s_.find('\n', i);
    while (i < s_.size()) {
      size_t close = s_.find('"', i);
      if (close == std::string_view::npos) break;
      bool runs_off = false;
      for (; line_end < close; line_end = s_.find('\n', line_end + 1)) {
        if (!holds_field_(static_cast<uint32_t>(line_end + 1))) {
          runs_off = true;
          break;
        }
      }
      if (runs_off) break;
      if (close + 1 < s_.size() && s_[close + 1] == '"') {
        i = close + 2;  // "" is a quote inside the field
        continue;
      }
      add_field(q + 1, close);
      return close + 1;
    }
    size_t e = s_.find('\n', q);
    if (e == std::string_view::npos) e = s_.size();
    add_field(q + 1, e);
    return e;
  }

  void add_field(size_t b, size_t e) {
    std::string_view raw = s_.substr(b, e - b);
    std::string_view t = text::trim(raw);
    RawCell c;
    c.range = {static_cast<uint32_t>(b + (t.data() - raw.data())), static_cast<uint32_t>(b + (t.data() - raw.data()) + t.size())};
    c.text = t;
    c.blank = t.empty();
    row_.cells.push_back(std::move(c));
    row_.range.end = static_cast<uint32_t>(e);
  }

  void extend_last(size_t e) {
    RawCell& c = row_.cells.back();
    std::string_view t = text::trim(s_.substr(c.range.begin, e - c.range.begin));
    c.range.end = static_cast<uint32_t>(c.range.begin + t.size());
    c.text = t;
    c.blank = t.empty();
    row_.range.end = static_cast<uint32_t>(e);
  }

  void end_row(size_t at) {
    while (!row_.cells.empty() && row_.cells.back().blank) row_.cells.pop_back();
    if (!row_.cells.empty()) {
      row_.width = static_cast<int>(row_.cells.size());
      out_.rows.push_back(std::move(row_));
    }
    row_ = RawRow{};
    row_.range = {static_cast<uint32_t>(at), static_cast<uint32_t>(at)};
  }

  std::string_view s_;
  const std::function<bool(uint32_t)>& continues_;
  const std::function<bool(uint32_t)>& holds_field_;
  bool spaces_break_;
  RawRow row_;
  CsvRows out_;
};

// Whether the text from `begin` to `end` was written with no space after its commas: most commas
// outside quotes are followed by something else.
bool written_without_spaces(std::string_view s, uint32_t begin, uint32_t end) {
  int spaced = 0, tight = 0;
  bool quoted = false;
  for (size_t i = begin; i < end && i < s.size(); ++i) {
    if (s[i] == '"') quoted = !quoted;
    else if (s[i] == ',' && !quoted && i + 1 < s.size()) ++(s[i + 1] == ' ' ? spaced : tight);
  }
  return tight > 2 * spaced;
}

}  // namespace

CsvRows csv_rows(std::string_view text, uint32_t begin, const std::function<bool(uint32_t)>& continues,
                 const std::function<bool(uint32_t)>& holds_field) {
  CsvRows padded = CsvReader(text, continues, holds_field, false).read(begin);
  if (!written_without_spaces(text, begin, padded.end)) return padded;
  return CsvReader(text, continues, holds_field, true).read(begin);
}

bool looks_like_csv(std::string_view line) {
  std::string_view t = text::trim(line);
  // A closing quote, a comma and an opening quote, spaces allowed around the comma.
  for (size_t q = t.find('"'); q != std::string_view::npos; q = t.find('"', q + 1)) {
    size_t i = q + 1;
    while (i < t.size() && t[i] == ' ') ++i;
    if (i >= t.size() || t[i] != ',') continue;
    ++i;
    while (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size() && t[i] == '"') return true;
  }
  return t.size() >= 2 && t.find_first_not_of(", ") == std::string_view::npos && t.find(',') != std::string_view::npos &&
         t.find(',') != t.rfind(',');
}

}  // namespace budgetlens::layout::detail
