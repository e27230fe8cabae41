// Reading back our own JSON Lines: the records of one document, as append_jsonl() wrote them.
//
// Strict by design. It reads the record contract and nothing else: each record's fields by name,
// in the order they are written, of the types they are written with; and last it writes the records
// it read and requires the very bytes it was given, so that what it accepts is exactly what
// budgetlens writes (a merge of shard outputs is then the single run's output, byte for byte).
#include <algorithm>
#include <cstdint>
#include <vector>

#include "emit/emit.h"
#include "text/utf8.h"

namespace budgetlens::emit {
namespace {

// A JSON value of the kinds our records use: no fractions or exponents (decimals are strings).
struct Json {
  enum class Kind { kNull, kBool, kInt, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  int64_t integer = 0;
  std::string string;
  std::vector<Json> items;
  // An object's fields in order: names and values side by side (a pair would need Json complete here).
  std::vector<std::string> names;
  std::vector<Json> values;
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  // The one value that makes up the whole text, or nullopt with error() set.
  std::optional<Json> document() {
    Json v;
    if (!value(v, 0)) return std::nullopt;
    if (i_ != s_.size()) return fail("text after the record");
    return v;
  }
  const std::string& error() const { return error_; }

 private:
  static constexpr int kMaxDepth = 8;  // records nest three deep (table, cells, span)

  std::nullopt_t fail(const std::string& what) {
    if (error_.empty()) error_ = what + " at column " + std::to_string(i_ + 1);
    return std::nullopt;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool value(Json& v, int depth) {
    if (depth > kMaxDepth) return fail("records nest too deep"), false;
    if (i_ >= s_.size()) return fail("the record ends early"), false;
    char c = s_[i_];
    if (c == '"') {
      v.kind = Json::Kind::kString;
      return string(v.string);
    }
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (literal("null")) return v.kind = Json::Kind::kNull, true;
    if (literal("true")) return v.kind = Json::Kind::kBool, v.boolean = true, true;
    if (literal("false")) return v.kind = Json::Kind::kBool, v.boolean = false, true;
    if (c == '-' || (c >= '0' && c <= '9')) return integer(v);
    return fail("not a JSON value"), false;
  }

  bool integer(Json& v) {
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    size_t digits = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    if (i_ == digits || i_ - digits > 18) return fail("not a whole number"), false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return fail("not a whole number"), false;
    v.kind = Json::Kind::kInt;
    v.integer = std::stoll(std::string(s_.substr(start, i_ - start)));
    return true;
  }

  bool hex4(uint32_t& out) {
    if (i_ + 4 > s_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= c - '0';
      else if (c >= 'a' && c <= 'f') out |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') out |= c - 'A' + 10;
      else return false;
    }
    return true;
  }

  bool string(std::string& out) {
    ++i_;  // the opening quote
    for (;;) {
      size_t run = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' && static_cast<unsigned char>(s_[i_]) >= 0x20) ++i_;
      out.append(s_.data() + run, i_ - run);
      if (i_ >= s_.size()) return fail("a string is not closed"), false;
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') return fail("a control character in a string"), false;
      if (i_ >= s_.size()) return fail("a string is not closed"), false;
      char e = s_[i_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return fail("a bad \\u escape"), false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail("a lone surrogate"), false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("a lone surrogate"), false;
          }
          text::append_utf8(out, cp);
          break;
        }
        default: return fail("a bad escape"), false;
      }
    }
  }

  bool object(Json& v, int depth) {
    v.kind = Json::Kind::kObject;
    ++i_;
    if (literal("}")) return true;
    for (;;) {
      if (i_ >= s_.size() || s_[i_] != '"') return fail("a field name was expected"), false;
      std::string name;
      if (!string(name)) return false;
      if (!literal(":")) return fail("':' was expected"), false;
      Json field;
      if (!value(field, depth + 1)) return false;
      v.names.push_back(std::move(name));
      v.values.push_back(std::move(field));
      if (literal("}")) return true;
      if (!literal(",")) return fail("',' or '}' was expected"), false;
    }
  }

  bool array(Json& v, int depth) {
    v.kind = Json::Kind::kArray;
    ++i_;
    if (literal("]")) return true;
    for (;;) {
      Json item;
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      if (literal("]")) return true;
      if (!literal(",")) return fail("',' or ']' was expected"), false;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string error_;
};

// The fields of one record, taken in the order the contract writes them.
class Fields {
 public:
  Fields(const Json& object, std::string& error) : object_(object), error_(error) {}

  const Json* next(const char* name, Json::Kind kind, bool nullable = false) {
    if (!error_.empty()) return nullptr;
    if (at_ >= object_.names.size()) return fail(std::string("no field \"") + name + "\"");
    const std::string& field = object_.names[at_];
    const Json& value = object_.values[at_];
    if (field != name) return fail("field \"" + field + "\" where \"" + name + "\" belongs");
    ++at_;
    if (value.kind == kind || (nullable && value.kind == Json::Kind::kNull)) return &value;
    return fail(std::string("field \"") + name + "\" has the wrong type");
  }
  std::string str(const char* name) {
    const Json* v = next(name, Json::Kind::kString);
    return v ? v->string : std::string();
  }
  // A string written as null when empty.
  std::string optional_str(const char* name) {
    const Json* v = next(name, Json::Kind::kString, true);
    return v ? v->string : std::string();
  }
  int64_t integer(const char* name) {
    const Json* v = next(name, Json::Kind::kInt);
    return v ? v->integer : 0;
  }
  std::optional<int> optional_int(const char* name) {
    const Json* v = next(name, Json::Kind::kInt, true);
    if (!v || v->kind == Json::Kind::kNull) return std::nullopt;
    return static_cast<int>(v->integer);
  }
  bool boolean(const char* name) {
    const Json* v = next(name, Json::Kind::kBool);
    return v && v->boolean;
  }
  std::optional<Decimal> decimal(const char* name, bool nullable) {
    const Json* v = next(name, Json::Kind::kString, nullable);
    if (!v || v->kind == Json::Kind::kNull) return std::nullopt;
    std::optional<Decimal> d = Decimal::parse(v->string);
    if (!d) fail(std::string("field \"") + name + "\" is not a decimal");
    return d;
  }
  Span span(const char* name) {
    Span s;
    const Json* v = next(name, Json::Kind::kObject);
    if (!v) return s;
    Fields f(*v, error_);
    s.line = static_cast<uint32_t>(f.integer("line"));
    s.col = static_cast<uint32_t>(f.integer("col"));
    s.offset = static_cast<uint64_t>(f.integer("offset"));
    s.length = static_cast<uint32_t>(f.integer("length"));
    f.end();
    return s;
  }
  const Json* array(const char* name) { return next(name, Json::Kind::kArray); }
  // An array of strings; `wrong` is the error when an item is not one.
  std::vector<std::string> strings(const char* name, const char* wrong) {
    std::vector<std::string> out;
    if (const Json* a = array(name)) {
      for (const Json& item : a->items) {
        if (item.kind != Json::Kind::kString) return fail(wrong), out;
        out.push_back(item.string);
      }
    }
    return out;
  }
  // An array of objects, each read by `read(Fields&)` and required to end there; `wrong` is the
  // error when an item is not an object.
  template <typename Read>
  void objects(const char* name, const char* wrong, Read read) {
    const Json* a = array(name);
    if (!a) return;
    for (const Json& item : a->items) {
      if (item.kind != Json::Kind::kObject) return void(fail(wrong));
      Fields f(item, error_);
      read(f);
      f.end();
    }
  }
  std::string& error() { return error_; }
  // No field may follow the last one read.
  void end() {
    if (error_.empty() && at_ < object_.names.size()) fail("unknown field \"" + object_.names[at_] + "\"");
  }

 private:
  const Json* fail(const std::string& what) {
    if (error_.empty()) error_ = what;
    return nullptr;
  }
  const Json& object_;
  std::string& error_;
  size_t at_ = 0;
};

void read_document(Fields& f, DocumentRecord& d) {
  d.id = f.str("id");
  d.path = f.str("path");
  d.sha256 = f.str("sha256");
  d.format = f.str("format");
  d.encoding = f.str("encoding");
  d.title = f.str("title");
  d.org = f.str("org");
  d.year = f.optional_int("year");
  d.kind = f.str("kind");
  d.default_unit = f.str("default_unit");
  d.default_unit_source = f.str("default_unit_source");
  d.bytes = static_cast<uint64_t>(f.integer("bytes"));
  d.lines = static_cast<uint32_t>(f.integer("lines"));
  d.warnings = f.strings("warnings", "field \"warnings\" has the wrong type");
  if (const Json* coverage = f.next("coverage", Json::Kind::kObject)) {
    std::string& error = f.error();
    Fields cf(*coverage, error);
    Coverage& c = d.coverage;
    c.chars = static_cast<uint64_t>(cf.integer("chars"));
    c.heading = static_cast<uint64_t>(cf.integer("heading"));
    c.paragraph = static_cast<uint64_t>(cf.integer("paragraph"));
    c.cell = static_cast<uint64_t>(cf.integer("cell"));
    if (const Json* ignored = cf.next("ignored", Json::Kind::kObject)) {
      for (size_t k = 0; k < ignored->names.size(); ++k) {
        if (ignored->values[k].kind != Json::Kind::kInt) {
          if (error.empty()) error = "an ignored count is not a whole number";
          break;
        }
        c.ignored[ignored->names[k]] = static_cast<uint64_t>(ignored->values[k].integer);
      }
    }
    c.unaccounted = static_cast<uint64_t>(cf.integer("unaccounted"));
    c.overlapping = static_cast<uint64_t>(cf.integer("overlapping"));
    cf.decimal("ratio", false);  // worked out from the counts; writing back proves it agrees
    cf.end();
  }
  d.span = f.span("span");
}

void read_section(Fields& f, SectionRecord& s) {
  s.id = f.str("id");
  s.parent = f.optional_str("parent");
  s.level = static_cast<int>(f.integer("level"));
  s.marker = f.str("marker");
  s.title = f.str("title");
  s.span = f.span("span");
  s.heading_span = f.span("heading_span");
}

void read_table(Fields& f, TableRecord& t, std::string& error) {
  t.id = f.str("id");
  t.section = f.optional_str("section");
  t.caption = f.str("caption");
  t.unit = f.str("unit");
  t.unit_source = f.str("unit_source");
  t.layout = f.str("layout");
  t.n_rows = static_cast<int>(f.integer("n_rows"));
  t.n_cols = static_cast<int>(f.integer("n_cols"));
  t.header_rows = static_cast<int>(f.integer("header_rows"));
  t.kind = f.str("kind");
  t.span = f.span("span");
  if (const Json* total = f.next("total", Json::Kind::kObject, true); total && total->kind == Json::Kind::kObject) {
    Fields tf(*total, error);
    StatedTotal st;
    st.row = static_cast<int>(tf.integer("row"));
    st.weight = tf.decimal("weight", true);
    st.score = tf.decimal("score", true);
    st.review_score = tf.decimal("review_score", true);
    st.span = tf.span("span");
    tf.end();
    t.total = std::move(st);
  }
  f.objects("cells", "a cell is not an object", [&](Fields& cf) {
    CellRecord& c = t.cells.emplace_back();
    c.row = static_cast<int>(cf.integer("row"));
    c.col = static_cast<int>(cf.integer("col"));
    c.rowspan = static_cast<int>(cf.integer("rowspan"));
    c.colspan = static_cast<int>(cf.integer("colspan"));
    c.text = cf.str("text");
    c.header = cf.boolean("header");
    c.span = cf.span("span");
  });
}

void read_quantity(Fields& f, QuantityRecord& q) {
  q.id = f.str("id");
  q.section = f.optional_str("section");
  q.table = f.optional_str("table");
  q.row = f.optional_int("row").value_or(-1);
  q.col = f.optional_int("col").value_or(-1);
  q.label = f.str("label");
  q.column = f.str("column");
  q.code = f.optional_str("code");
  q.raw = f.str("raw");
  q.value = f.decimal("value", false).value_or(Decimal());
  q.decimals = static_cast<int>(f.integer("decimals"));
  q.unit = f.str("unit");
  q.unit_source = f.str("unit_source");
  q.kind = f.str("kind");
  q.value_yuan = f.decimal("value_yuan", true);
  q.approx = f.optional_str("approx");
  q.context = f.str("context");
  q.span = f.span("span");
}

// An indicator's target or actual: an object, or null when nothing is printed.
IndicatorValue read_value(Fields& f, const char* name, std::string& error) {
  IndicatorValue v;
  const Json* object = f.next(name, Json::Kind::kObject, true);
  if (!object || object->kind == Json::Kind::kNull) return v;
  Fields vf(*object, error);
  v.raw = vf.str("raw");
  v.comparator = vf.optional_str("comparator");
  v.value = vf.decimal("value", true);
  v.unit = vf.optional_str("unit");
  v.value_yuan = vf.decimal("value_yuan", true);
  vf.end();
  return v;
}

void read_indicator(Fields& f, IndicatorRecord& i, std::string& error) {
  i.id = f.str("id");
  i.table = f.optional_str("table");
  i.row = f.optional_int("row").value_or(-1);
  i.level1 = f.str("level1");
  i.level2 = f.str("level2");
  i.level3 = f.str("level3");
  i.name = f.str("name");
  i.level1_weight = f.decimal("level1_weight", true);
  i.level2_weight = f.decimal("level2_weight", true);
  i.level3_weight = f.decimal("level3_weight", true);
  i.target = read_value(f, "target", error);
  i.actual = read_value(f, "actual", error);
  i.weight = f.decimal("weight", true);
  i.weight_source = f.optional_str("weight_source");
  i.score = f.decimal("score", true);
  i.score_source = f.optional_str("score_source");
  i.review_score = f.decimal("review_score", true);
  i.criteria = f.str("criteria");
  i.note = f.str("note");
  f.objects("parts", "a part is not an object", [&](Fields& pf) {
    IndicatorPart& p = i.parts.emplace_back();
    p.row = static_cast<int>(pf.integer("row"));
    p.text = pf.str("text");
    p.weight = pf.decimal("weight", true);
    p.score = pf.decimal("score", true);
    p.review_score = pf.decimal("review_score", true);
    p.span = pf.span("span");
  });
  i.remarks = f.strings("remarks", "a remark is not a string");
  i.span = f.span("span");
}

CheckOperand read_operand(const Json& item, std::string& error) {
  CheckOperand op;
  if (item.kind != Json::Kind::kObject) {
    if (error.empty()) error = "evidence is not an object";
    return op;
  }
  Fields f(item, error);
  op.id = f.optional_str("id");
  op.label = f.str("label");
  op.table = f.optional_str("table");
  op.row = f.optional_int("row").value_or(-1);
  op.col = f.optional_int("col").value_or(-1);
  op.value = f.decimal("value", false).value_or(Decimal());
  op.span = f.span("span");
  f.end();
  return op;
}

// `operands` repeats the ids of `evidence` (whose first entry is the stated value); the check is
// read from `evidence`, and writing it back proves the two agree.
void read_check(Fields& f, CheckRecord& c, std::string& error) {
  c.id = f.str("id");
  c.rule = f.str("rule");
  c.family = f.str("family");
  c.name = f.str("name");
  c.severity = f.str("severity");
  c.status = f.str("status");
  c.stated = f.decimal("stated", true);
  c.computed = f.decimal("computed", true);
  c.difference = f.decimal("difference", true);
  c.tolerance = f.decimal("tolerance", true);
  c.unit = f.str("unit");
  c.formula = f.str("formula");
  c.message = f.str("message");
  f.optional_str("stated_id");
  f.array("operands");
  if (const Json* evidence = f.array("evidence")) {
    if (evidence->items.empty()) {
      if (error.empty()) error = "a check without evidence";
      return;
    }
    c.stated_operand = read_operand(evidence->items.front(), error);
    for (size_t k = 1; k < evidence->items.size(); ++k) c.operands.push_back(read_operand(evidence->items[k], error));
  }
  c.span = f.span("span");
}

}  // namespace

ReadResult read_jsonl_document(std::string_view lines) {
  auto failure = [](size_t line, const std::string& what) {
    return Error<ErrorCode>{ErrorCode::kMalformedRecord, "line " + std::to_string(line) + ": " + what, line};
  };
  DocumentResult out;
  enum Stage { kDocument, kSections, kTables, kQuantities, kIndicators, kChecks } stage = kDocument;
  size_t number = 0;
  for (size_t begin = 0; begin < lines.size();) {
    size_t end = lines.find('\n', begin);
    if (end == std::string_view::npos) return failure(number + 1, "the last record does not end with a line break");
    std::string_view line = lines.substr(begin, end - begin);
    begin = end + 1;
    ++number;
    Parser parser(line);
    std::optional<Json> record = parser.document();
    if (!record) return failure(number, parser.error());
    if (record->kind != Json::Kind::kObject) return failure(number, "a record is a JSON object");
    std::string error;
    Fields f(*record, error);
    std::string type = f.str("type");
    std::string doc = f.str("doc");
    if (!error.empty()) return failure(number, error);
    if ((type == "document") != (stage == kDocument)) {
      return failure(number, stage == kDocument ? "the first record of a document is its document record"
                                                : "a second document record: one document at a time");
    }
    if (stage != kDocument && doc != out.document.id) {
      return failure(number, "a record of document \"" + doc + "\" among those of \"" + out.document.id + "\"");
    }
    if (type == "document") {
      read_document(f, out.document);
      if (error.empty() && doc != out.document.id) error = "\"doc\" and \"id\" differ";
      stage = kSections;
    } else if (type == "section" && stage <= kSections) {
      read_section(f, out.sections.emplace_back());
    } else if (type == "table" && stage <= kTables) {
      read_table(f, out.tables.emplace_back(), error);
      stage = kTables;
    } else if (type == "quantity" && stage <= kQuantities) {
      read_quantity(f, out.quantities.emplace_back());
      stage = kQuantities;
    } else if (type == "indicator" && stage <= kIndicators) {
      read_indicator(f, out.indicators.emplace_back(), error);
      stage = kIndicators;
    } else if (type == "check") {
      read_check(f, out.checks.emplace_back(), error);
      stage = kChecks;
    } else if (type == "section" || type == "table" || type == "quantity" || type == "indicator") {
      error = "a " + type + " record out of order (document, sections, tables, quantities, indicators, checks)";
    } else {
      error = "unknown record type \"" + type + "\"";
    }
    f.end();
    if (!error.empty()) return failure(number, error);
  }
  if (number == 0) return failure(1, "no records");
  // What was read, written again, must be what was given: nothing was lost or read differently.
  std::string again;
  append_jsonl(out, again);
  if (again != lines) {
    size_t at = 0;
    while (at < again.size() && at < lines.size() && again[at] == lines[at]) ++at;
    size_t line = 1 + static_cast<size_t>(std::count(lines.begin(), lines.begin() + at, '\n'));
    return failure(line, "not written the way budgetlens writes records (spacing, escapes or number forms differ)");
  }
  return out;
}

}  // namespace budgetlens::emit
