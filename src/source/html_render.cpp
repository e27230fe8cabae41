// A web page's visible text, rendered from the tree Gumbo builds (the HTML5 parsing algorithm, so
// broken markup gives what a browser shows). The passes over the tree, here and in html_tree.cpp,
// walk it with an explicit stack: nesting depth costs heap, never the call stack.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_set>
#include <vector>

#include "source/char_index.h"
#include "source/html.h"
#include "source/html_tree.h"
#include "text/utf8.h"

namespace budgetlens::source::detail {
namespace {

// Gumbo's allocations come from an arena freed at once: parsing is faster, and the tree is released
// without gumbo_destroy_output(), which recurses once per level of nesting.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (void* b : blocks_) std::free(b);
  }

  static void* allocate(void* self, size_t n) { return static_cast<Arena*>(self)->get(n); }
  static void deallocate(void*, void*) {}

 private:
  static constexpr size_t kBlock = 1 << 20;

  void* get(size_t n) {
    n = (n + 15) & ~static_cast<size_t>(15);
    if (n > kBlock / 4) return blocks_.emplace_back(std::malloc(n));
    if (!current_ || used_ + n > kBlock) {
      current_ = static_cast<char*>(blocks_.emplace_back(std::malloc(kBlock)));
      used_ = 0;
    }
    void* p = current_ + used_;
    used_ += n;
    return p;
  }

  std::vector<void*> blocks_;
  char* current_ = nullptr;
  size_t used_ = 0;
};

// Blank characters are folded into one space (no-break and ideographic spaces included); zero-width
// ones vanish.
bool is_fold_space(char32_t c) { return text::is_blank(c) && !is_zero_width(c); }

// Visible ASCII and CJK text (U+3001..U+9FFF: punctuation, kana and Han), which no rendering changes:
// no space, break or zero-width character among them.
bool shows_as_written(char32_t c) {
  return (c > 0x20 && c < 0x7F) || (c > 0x3000 && c <= 0x9FFF);
}

// Where the characters of s that show as written, from s[i] on, end.
size_t shown_as_written_end(std::string_view s, size_t i) {
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b > 0x20 && b < 0x7F) {
      ++i;
    } else if (text::cjk_at(s, i) && text::three_byte_char(s, i) != 0x3000) {
      i += 3;
    } else {
      break;
    }
  }
  return i;
}

class Renderer {
 public:
  Renderer(std::string_view markup, std::unordered_set<const GumboNode*> data_tables, Page& page)
      : markup_(markup), data_tables_(std::move(data_tables)), page_(page) {}

  std::string run(const GumboNode* root) {
    stack_.push_back({root, 0, Kind::kContainer});
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.kind == Kind::kDeferred) {
        const GumboNode* table = f.node;
        stack_.pop_back();
        enter(table);
        continue;
      }
      const GumboVector* kids = children_of(f.node);
      if (kids && f.next < kids->length) {
        const GumboNode* child = static_cast<const GumboNode*>(kids->data[f.next++]);
        if (is_shown(child) && !(f.kind == Kind::kTable && is_caption(child))) enter(child);
        continue;
      }
      Frame done = f;
      stack_.pop_back();
      leave(done);
    }
    return std::move(out_);
  }

 private:
  // kDeferred: a table found inside a cell or a caption, waiting for the table holding it to end.
  enum class Kind {
    kContainer,
    kInline,
    kBlock,
    kHeading,
    kPre,
    kTable,
    kLayoutTable,
    kGroup,
    kRow,
    kCell,
    kCaption,
    kDeferred
  };

  struct Frame {
    const GumboNode* node;
    unsigned next;
    Kind kind;
  };

  bool in_data_table() const { return !tables_.empty() && tables_.back(); }

  void enter(const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      text(n);
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_BR) {
      ++pending_lines_;
      return;
    }
    if (tag == GUMBO_TAG_TABLE) {
      bool data = data_tables_.count(n) > 0;
      // A table inside a cell or a caption is rendered after the table holding it: its rows are no
      // rows of that table, and the caption's text stands above both.
      if (data && (cell_ || captions_ > 0)) {
        deferred_.push_back(n);
        return;
      }
      tables_.push_back(data);
      pending_block_ = true;
      if (data) begin_table();
      push(n, data ? Kind::kTable : Kind::kLayoutTable);
      // A caption is shown above its table wherever the parser put it: one after the first row
      // (`<tr>…<caption>`) would otherwise fall among the rows, in the table but in no cell.
      if (data) {
        const GumboVector& kids = n->v.element.children;
        for (unsigned k = kids.length; k-- > 0;) {
          const GumboNode* child = static_cast<const GumboNode*>(kids.data[k]);
          if (is_caption(child) && is_shown(child)) enter(child);
        }
      }
      return;
    }
    if (in_data_table()) {
      switch (tag) {
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_TFOOT:
          ++group_;
          head_ = tag == GUMBO_TAG_THEAD;
          push(n, Kind::kGroup);
          return;
        case GUMBO_TAG_TR:
          begin_row();
          push(n, Kind::kRow);
          return;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
          if (row_open_) {
            begin_cell(n);
            push(n, Kind::kCell);
            return;
          }
          break;
        default:
          break;
      }
    }
    if (tag == GUMBO_TAG_CAPTION && in_data_table()) {
      pending_block_ = true;
      ++captions_;
      push(n, Kind::kCaption);
      return;
    }
    if (is_heading(tag) && !cell_) {
      pending_block_ = true;
      heading_level_ = tag - GUMBO_TAG_H1 + 1;
      heading_begin_ = kUnset;
      push(n, Kind::kHeading);
      return;
    }
    if (is_pre(tag)) {
      pending_block_ = true;
      ++pre_;
      push(n, Kind::kPre);
      return;
    }
    if (is_block(tag)) {
      pending_block_ = true;
      push(n, Kind::kBlock);
      return;
    }
    push(n, Kind::kInline);
  }

  void push(const GumboNode* n, Kind kind) { stack_.push_back({n, 0, kind}); }

  void leave(const Frame& f) {
    switch (f.kind) {
      case Kind::kBlock:
        pending_block_ = true;
        break;
      case Kind::kPre:
        --pre_;
        pending_block_ = true;
        break;
      case Kind::kCaption:
        --captions_;
        pending_block_ = true;
        break;
      case Kind::kHeading:
        if (heading_begin_ != kUnset) {
          page_.headings.push_back({{heading_begin_, last_visible_end_}, heading_level_});
        }
        heading_begin_ = kUnset;
        heading_level_ = 0;
        pending_block_ = true;
        break;
      case Kind::kLayoutTable:
        tables_.pop_back();
        pending_block_ = true;
        break;
      case Kind::kTable:
        tables_.pop_back();
        end_table();
        break;
      case Kind::kRow:
        row_open_ = false;
        break;
      case Kind::kCell:
        end_cell();
        break;
      case Kind::kGroup:
        head_ = false;
        break;
      case Kind::kContainer:
      case Kind::kInline:
      case Kind::kDeferred:
        break;
    }
  }

  // Tables.

  void begin_table() {
    page_.tables.emplace_back();
    table_ = page_.tables.size() - 1;
    group_ = 0;
    head_ = false;
  }

  void end_table() {
    HtmlTable& t = page_.tables[table_];
    // The last row's line: when that row ended its line, line_ is already the next one, where
    // whatever follows the table begins.
    t.last_line = line_ > t.first_line && !out_.empty() && out_.back() == '\n' ? line_ - 1 : line_;
    if (t.rows.empty()) page_.tables.pop_back();  // no row was shown: nothing to lay out
    pending_block_ = true;
    pending_lines_ = 0;
    // Tables that were inside this one's cells come next, as tables of their own: pushed in
    // reverse, so that the first is rendered first.
    for (size_t k = deferred_.size(); k-- > 0;) stack_.push_back({deferred_[k], 0, Kind::kDeferred});
    deferred_.clear();
  }

  void begin_row() {
    if (!out_.empty() && out_.back() != '\n') insert('\n');
    pending_block_ = false;
    pending_lines_ = 0;
    pending_space_ = false;
    HtmlTable& t = page_.tables[table_];
    if (t.rows.empty()) t.first_line = line_;
    t.rows.push_back({{}, group_, head_});
    row_open_ = true;
    at_line_start_ = true;
  }

  void begin_cell(const GumboNode* n) {
    HtmlRow& row = page_.tables[table_].rows.back();
    if (!row.cells.empty()) insert('\t');
    HtmlCell cell;
    cell.th = n->v.element.tag == GUMBO_TAG_TH;
    cell.colspan = std::max<uint32_t>(1, parse_span(attribute(n, "colspan"), 1, 1000));
    cell.rowspan = parse_span(attribute(n, "rowspan"), 1, 65534);
    cell.range = {static_cast<uint32_t>(out_.size()), static_cast<uint32_t>(out_.size())};
    row.cells.push_back(cell);
    cell_ = true;
    cell_begin_ = kUnset;
    pending_block_ = false;
    pending_lines_ = 0;
    pending_space_ = false;
    at_line_start_ = true;
  }

  void end_cell() {
    HtmlCell& cell = page_.tables[table_].rows.back().cells.back();
    if (cell_begin_ != kUnset) cell.range = {cell_begin_, last_visible_end_};
    cell_ = false;
    pending_block_ = false;
    pending_lines_ = 0;
    pending_space_ = false;
    at_line_start_ = false;
  }

  // Text.

  void text(const GumboNode* n) {
    const GumboText& t = n->v.text;
    std::string_view decoded(t.text);
    const char* base = markup_.data();
    bool located = t.original_text.data && t.original_text.data >= base &&
                   t.original_text.data + t.original_text.length <= base + markup_.size();
    if (!located) {  // text the parser made up: it stands where the last text ended
      for (size_t i = 0; i < decoded.size();) emit(text::next_char(decoded, i), last_end_, last_end_, false);
      return;
    }
    uint32_t at = static_cast<uint32_t>(t.original_text.data - base);
    std::string_view raw(t.original_text.data, t.original_text.length);
    if (raw == decoded) {
      for (size_t i = 0; i < decoded.size();) {
        size_t b = i;
        char32_t c = text::next_char(decoded, i);
        emit(c, at + static_cast<uint32_t>(b), at + static_cast<uint32_t>(i), true);
        // What follows a character that showed, as long as it too shows as written, goes in as one
        // piece: nothing waits before it, and each character would be put as it is written.
        if (pre_ == 0 && shows_as_written(c)) {
          size_t end = shown_as_written_end(decoded, i);
          append_as_written(decoded.substr(i, end - i), at + static_cast<uint32_t>(i));
          i = end;
        }
      }
      return;
    }
    align(raw, decoded, at);
  }

  // Walks the decoded text of a node along its markup, where entities and (after foster
  // parenting) tags make the two differ.
  void align(std::string_view raw, std::string_view decoded, uint32_t at) {
    size_t i = 0, j = 0;
    while (j < decoded.size()) {
      size_t j0 = j;
      char32_t c = text::next_char(decoded, j);
      if (i < raw.size() && raw[i] != '&') {
        size_t i0 = i;
        if (text::next_char(raw, i) == c) {  // the same character, '<' written as text included
          emit(c, at + static_cast<uint32_t>(i0), at + static_cast<uint32_t>(i), true);
          continue;
        }
        i = i0;
      }
      if (i < raw.size() && raw[i] == '&') {
        size_t end = reference_end(raw, i, decoded, j);
        if (end > i + 1 || c != '&') {
          emit(c, at + static_cast<uint32_t>(i), at + static_cast<uint32_t>(end), false);
          // A reference may stand for two characters: the second comes from the same stretch.
          if (end > i + 1 && j < decoded.size() && !synced(raw, end, decoded, j)) {
            size_t j2 = j;
            char32_t c2 = text::next_char(decoded, j2);
            if (synced(raw, end, decoded, j2)) {
              emit(c2, at + static_cast<uint32_t>(end), at + static_cast<uint32_t>(end), false);
              j = j2;
            }
          }
          i = end;
          continue;
        }
        if (c == '&') {
          emit(c, at + static_cast<uint32_t>(i), at + static_cast<uint32_t>(i + 1), true);
          ++i;
          continue;
        }
      }
      // Markup the text does not show (a tag a stray character moved past): find where the text
      // goes on, and take the character again from there.
      if (size_t next = resync(raw, i, decoded, j0); next != std::string_view::npos) {
        i = next;
        j = j0;
        continue;
      }
      // Lost the thread: the rest stands where the markup was left.
      uint32_t p = at + static_cast<uint32_t>(std::min(i, raw.size()));
      emit(c, p, p, false);
    }
  }

  // The first offset after raw[i] from which raw goes on as decoded[j..] does (for a few bytes), or npos.
  static size_t resync(std::string_view raw, size_t i, std::string_view decoded, size_t j) {
    std::string_view want = decoded.substr(j, std::min<size_t>(decoded.size() - j, 6));
    if (want.empty() || i >= raw.size()) return std::string_view::npos;
    size_t at = raw.find(want, i + 1);
    return at;
  }

  // Whether raw[i..] and decoded[j..] go on alike for a few characters (or both end).
  static bool synced(std::string_view raw, size_t i, std::string_view decoded, size_t j) {
    for (int k = 0; k < 4; ++k) {
      if (j >= decoded.size()) return true;
      if (i >= raw.size()) return false;
      if (raw[i] == '&' || raw[i] == '<') return true;
      if (raw[i] != decoded[j]) return false;
      ++i, ++j;
    }
    return true;
  }

  // The end of the character reference at raw[i] ('&'), given that its decoded form is followed by
  // decoded[j..]: the longest syntactic reference after which the two agree again.
  static size_t reference_end(std::string_view raw, size_t i, std::string_view decoded, size_t j) {
    size_t k = i + 1;
    if (k < raw.size() && raw[k] == '#') {
      ++k;
      bool hex = k < raw.size() && (raw[k] == 'x' || raw[k] == 'X');
      if (hex) ++k;
      while (k < raw.size() && (std::isdigit(static_cast<unsigned char>(raw[k])) ||
                                (hex && std::isxdigit(static_cast<unsigned char>(raw[k])))))
        ++k;
    } else {
      while (k < raw.size() && std::isalnum(static_cast<unsigned char>(raw[k]))) ++k;
    }
    if (k < raw.size() && raw[k] == ';') ++k;
    // A legacy name without its ';' ("&nbspx"): shorten until the rest agrees.
    for (size_t e = k; e > i + 1; --e) {
      if (synced(raw, e, decoded, j)) return e;
      size_t j2 = j;
      if (j2 < decoded.size()) {
        text::next_char(decoded, j2);
        if (synced(raw, e, decoded, j2)) return e;
      }
    }
    return i + 1;
  }

  void emit(char32_t c, uint32_t b, uint32_t e, bool copy) {
    if (pre_ > 0) {
      if (c == '\n') {
        ++pending_lines_;
        return;
      }
      if (c == '\t' || c == ' ') {
        put(c, b, e, copy);
        return;
      }
    }
    if (is_zero_width(c)) return;
    if (is_fold_space(c)) {
      if (!pending_space_) {
        pending_space_ = true;
        space_begin_ = b;
        space_end_ = e;
        space_copy_ = copy && c == ' ';
      }
      return;
    }
    put(c, b, e, copy);
  }

  // A character that shows: the breaks and the space waiting before it first.
  void put(char32_t c, uint32_t b, uint32_t e, bool copy) {
    int lines = std::max(pending_lines_, pending_block_ ? 1 : 0);
    bool block = pending_block_ && !cell_;
    if (cell_ && cell_begin_ == kUnset) lines = 0;  // breaks at the start of a cell show nothing
    if (out_.empty()) lines = 0;
    for (int k = 0; k < lines; ++k) insert('\n');
    if (block || out_.empty()) {
      if (page_.block_lines.empty() || page_.block_lines.back() != line_) page_.block_lines.push_back(line_);
    }
    pending_lines_ = 0;
    pending_block_ = false;
    if (pending_space_ && !at_line_start_) {
      uint32_t at = static_cast<uint32_t>(out_.size());
      out_.push_back(' ');
      if (space_copy_) page_.render.copy(at, space_begin_, 1);
      else page_.render.stand_for(at, space_begin_, space_end_);
    }
    pending_space_ = false;
    if (c == ' ' || c == 0xA0 || c == 0x3000) c = ' ';
    uint32_t at = static_cast<uint32_t>(out_.size());
    if (cell_ && cell_begin_ == kUnset) cell_begin_ = at;
    if (heading_level_ && heading_begin_ == kUnset && !cell_) heading_begin_ = at;
    text::append_utf8(out_, c);
    uint32_t n = static_cast<uint32_t>(out_.size()) - at;
    if (copy && e - b == n) page_.render.copy(at, b, n);
    else page_.render.stand_for(at, b, e);
    last_end_ = e;
    last_visible_end_ = static_cast<uint32_t>(out_.size());
    at_line_start_ = false;
  }

  // Characters that show as written, put just after one that was: each would go in as put() puts it,
  // with no break or space waiting, its map a copy of the markup that continues the one before.
  void append_as_written(std::string_view run, uint32_t begin) {
    if (run.empty()) return;
    const uint32_t at = static_cast<uint32_t>(out_.size());
    out_.append(run);
    page_.render.copy(at, begin, static_cast<uint32_t>(run.size()));
    last_end_ = begin + static_cast<uint32_t>(run.size());
    last_visible_end_ = static_cast<uint32_t>(out_.size());
  }

  // A character the rendering adds (a line break, a tab between cells): it stands for nothing,
  // just after what came before it.
  void insert(char c) {
    page_.render.stand_for(static_cast<uint32_t>(out_.size()), last_end_, last_end_);
    out_.push_back(c);
    if (c == '\n') ++line_;
    at_line_start_ = true;
  }

  static constexpr uint32_t kUnset = ~0u;

  std::string_view markup_;
  std::unordered_set<const GumboNode*> data_tables_;
  Page& page_;
  std::string out_;
  std::vector<Frame> stack_;

  uint32_t line_ = 0;
  uint32_t last_end_ = 0;          // markup offset past the last character shown
  uint32_t last_visible_end_ = 0;  // rendered offset past the last character shown
  bool at_line_start_ = true;
  int pending_lines_ = 0;
  bool pending_block_ = false;
  bool pending_space_ = false;
  uint32_t space_begin_ = 0, space_end_ = 0;
  bool space_copy_ = false;
  int pre_ = 0;
  int captions_ = 0;  // captions of data tables open, each a block of its own

  int heading_level_ = 0;
  uint32_t heading_begin_ = kUnset;

  std::vector<bool> tables_;  // kinds of the tables open, innermost last: data or layout
  size_t table_ = 0;          // index in page_.tables of the data table open
  uint32_t group_ = 0;
  bool head_ = false;
  bool row_open_ = false;
  bool cell_ = false;
  uint32_t cell_begin_ = kUnset;
  std::vector<const GumboNode*> deferred_;
};

std::vector<uint32_t> line_starts_of(std::string_view s) {
  std::vector<uint32_t> starts{0};
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && i + 1 < s.size()) starts.push_back(static_cast<uint32_t>(i + 1));
  }
  return starts;
}

}  // namespace

void render_page(SourceText& source) {
  auto page = std::make_shared<Page>();
  page->markup = std::move(source.text);
  page->markup_line_starts = std::move(source.line_starts);
  page->markup_map = std::move(source.map);
  const std::string& markup = page->markup;
  page->markup_chars = chars_per_kib(markup);

  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::allocate;
  options.deallocator = &Arena::deallocate;
  options.userdata = &arena;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, markup.data(), markup.size());
  Renderer renderer(markup, find_data_tables(output->document), *page);
  source.text = renderer.run(output->document);
  page->hidden_chars = hidden_text(output->document);
  // The arena frees the tree.

  source.line_starts = line_starts_of(source.text);
  source.map = OffsetMap{};
  source.page = std::move(page);
}

}  // namespace budgetlens::source::detail
