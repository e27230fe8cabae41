// How deep a page's elements nest, read from its tags before the page is parsed: the HTML5 parser
// spends time in proportion to the depth for every tag it meets, so a page nested a million deep
// must be refused before it is handed over, not after.
//
// The count follows the tags as written, with the parser's main habits so that ordinary broken
// markup is not counted deeper than a browser builds it: void elements (<br>, <img> …) and
// self-closed tags hold nothing; an end tag closes everything opened after its element; an
// unclosed <p>, <li>, <td>, <tr>, <option> … closes at the next one of its kind, and a block
// element closes an open <p>; script, style and the like hold text, not tags.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "source/html.h"

namespace budgetlens::source::detail {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

template <size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

constexpr std::array<std::string_view, 16> kVoid = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                    "keygen", "link", "meta", "param", "source", "track", "wbr",
                                                    "basefont"};
// Their text is not markup: everything up to their end tag is skipped.
constexpr std::array<std::string_view, 8> kRawText = {"script", "style", "textarea", "title",
                                                      "xmp", "iframe", "noembed", "noframes"};
// A start tag of one of these closes an open <p>.
constexpr std::array<std::string_view, 35> kClosesP = {
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li"};

// Elements closed by the start of another of the same group, unless one of `stops` is open nearer.
struct Group {
  std::array<std::string_view, 3> members;
  std::array<std::string_view, 3> stops;
};
constexpr std::array<Group, 7> kGroups = {{
    {{"li", "", ""}, {"ul", "ol", "menu"}},
    {{"dt", "dd", ""}, {"dl", "", ""}},
    {{"td", "th", ""}, {"table", "", ""}},
    {{"tr", "", ""}, {"table", "", ""}},
    {{"thead", "tbody", "tfoot"}, {"table", "", ""}},
    {{"option", "", ""}, {"select", "datalist", ""}},
    {{"p", "", ""}, {"button", "table", "td"}},
}};
constexpr int kParagraphGroup = 6;
static_assert(kGroups[kParagraphGroup].members[0] == "p");

// How far down the open elements an implied end is looked for: real markup closes what it leaves
// open within a few levels, and the bound keeps the count linear in the page's size.
constexpr size_t kImpliedEndReach = 64;

class DepthCounter {
 public:
  explicit DepthCounter(uint32_t stop_at) : stop_at_(stop_at) {}

  MarkupDepth run(std::string_view s) {
    size_t i = 0;
    while ((i = s.find('<', i)) != std::string_view::npos && result_.depth <= stop_at_) {
      std::string_view rest = s.substr(i);
      if (rest.substr(0, 4) == "<!--") {
        size_t end = s.find("-->", i + 4);
        i = end == std::string_view::npos ? s.size() : end + 3;
      } else if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) {
        size_t end = s.find('>', i);
        i = end == std::string_view::npos ? s.size() : end + 1;
      } else if (rest.size() > 2 && rest[1] == '/' && is_alpha(rest[2])) {
        size_t end = 0;
        auto it = ids_.find(name_at(s, i + 2, end));
        if (it != ids_.end()) close(it->second);  // a name never opened has nothing to close
        i = tag_end(s, end);
      } else if (rest.size() > 1 && is_alpha(rest[1])) {
        size_t end = 0;
        const uint32_t id = id_of(name_at(s, i + 1, end));
        bool self_closed = false;
        i = tag_end(s, end, &self_closed);
        if (kinds_[id].raw_text) {
          i = raw_text_end(s, i, names_[id]);
        } else if (!self_closed && !kinds_[id].is_void) {
          open(id, static_cast<uint32_t>(i));
        }
      } else {
        ++i;
      }
    }
    return result_;
  }

 private:
  static std::string name_at(std::string_view s, size_t i, size_t& end) {
    std::string name;
    while (i < s.size() && !is_space(s[i]) && s[i] != '/' && s[i] != '>') name.push_back(lower(s[i++]));
    end = i;
    return name;
  }

  // Past the '>' of a tag whose name ends at i, over quoted attribute values.
  static size_t tag_end(std::string_view s, size_t i, bool* self_closed = nullptr) {
    char quote = 0;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        if (self_closed) *self_closed = s[i - 1] == '/';
        return i + 1;
      }
    }
    return s.size();
  }

  static size_t raw_text_end(std::string_view s, size_t i, std::string_view name) {
    for (; (i = s.find("</", i)) != std::string_view::npos; i += 2) {
      size_t k = 0;
      while (k < name.size() && i + 2 + k < s.size() && lower(s[i + 2 + k]) == name[k]) ++k;
      if (k == name.size()) return tag_end(s, i + 2 + k);
    }
    return s.size();
  }

  // What the count needs to know of an element, from its name, worked out once a name and page.
  struct Kind {
    bool is_void = false;
    bool raw_text = false;
    bool closes_p = false;  // its start closes an open <p> (a <p> closes one as the member of its group)
    int group = -1;         // the index in kGroups of the group it is a member of
    uint32_t stops = 0;     // bit g: an open element of this name stops group g's implied ends
  };

  static Kind kind_of(std::string_view name) {
    Kind k;
    k.is_void = one_of(kVoid, name);
    k.raw_text = one_of(kRawText, name);
    k.closes_p = name != "p" && one_of(kClosesP, name);
    for (size_t g = 0; g < kGroups.size() && !name.empty(); ++g) {  // "" pads the groups' lists
      if (k.group < 0 && one_of(kGroups[g].members, name)) k.group = static_cast<int>(g);
      if (one_of(kGroups[g].stops, name)) k.stops |= 1u << g;
    }
    return k;
  }

  uint32_t id_of(std::string name) {
    auto [it, added] = ids_.try_emplace(std::move(name), static_cast<uint32_t>(names_.size()));
    if (added) {
      names_.push_back(it->first);
      kinds_.push_back(kind_of(it->first));
      open_.push_back(0);
    }
    return it->second;
  }

  void open(uint32_t id, uint32_t offset) {
    const Kind& kind = kinds_[id];
    if (kind.closes_p) close_implied(kParagraphGroup);
    if (kind.group >= 0) close_implied(kind.group);
    stack_.push_back(id);
    ++open_[id];
    if (stack_.size() > result_.depth) result_ = {static_cast<uint32_t>(stack_.size()), offset};
  }

  // The start of a member of group g ends an open element of the group, when one is near enough.
  void close_implied(int g) {
    for (size_t k = stack_.size(), seen = 0; k-- > 0 && seen < kImpliedEndReach; ++seen) {
      const Kind& at = kinds_[stack_[k]];
      if (at.stops & (1u << g)) return;
      if (at.group == g) {
        pop_to(k);
        return;
      }
    }
  }

  // An end tag closes its element and what was opened after it; one with nothing to close is ignored.
  void close(uint32_t id) {
    if (open_[id] == 0) return;
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k] == id) {
        pop_to(k);
        return;
      }
    }
  }

  void pop_to(size_t k) {
    while (stack_.size() > k) {
      --open_[stack_.back()];
      stack_.pop_back();
    }
  }

  uint32_t stop_at_;
  // Element names by id, in the order the page first uses them, with what is known of each.
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string_view> names_;  // the keys of ids_, which stay where they are
  std::vector<Kind> kinds_;
  std::vector<uint32_t> stack_;  // the open elements
  std::vector<uint32_t> open_;   // how many of each are open
  MarkupDepth result_;
};

}  // namespace

MarkupDepth markup_depth(std::string_view markup, uint32_t stop_at) { return DepthCounter(stop_at).run(markup); }

}  // namespace budgetlens::source::detail
