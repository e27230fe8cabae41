// Internal to emit/: a minimal JSON object writer with correct string escaping.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "model/decimal.h"
#include "model/span.h"

namespace budgetlens::emit::detail {

void append_json_string(std::string& out, std::string_view s);
void append_json_int(std::string& out, int64_t value);
// Exact decimals are written as strings so no reader turns them into binary floating point:
// as printed ("6400.00"), or canonical ("6400") for computed values such as value_yuan; null for none.
void append_json_decimal(std::string& out, const std::optional<Decimal>& value, bool canonical);
void append_json_span(std::string& out, const Span& span);

// Writes one JSON object, fields in the order they are added. The methods are inline, so that each
// call site copies its field name with the name's length known; the values are written out of line.
class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_.push_back('{'); }
  // An object whose first fields were written before, once for many objects: `head` is what this
  // writer wrote for them, from its opening brace on, without the closing one.
  JsonObject(std::string& out, std::string_view head) : out_(out), first_(head.size() <= 1) { out_ += head; }
  JsonObject& field(std::string_view n, std::string_view value) {
    name(n);
    append_json_string(out_, value);
    return *this;
  }
  JsonObject& field(std::string_view n, const char* value) { return field(n, std::string_view(value)); }
  JsonObject& field(std::string_view n, int64_t value) {
    name(n);
    append_json_int(out_, value);
    return *this;
  }
  JsonObject& field(std::string_view n, bool value) {
    name(n);
    out_ += value ? "true" : "false";
    return *this;
  }
  // A JSON string, or null when empty: for optional references such as a parent id.
  JsonObject& optional_string(std::string_view n, std::string_view value) {
    name(n);
    if (value.empty())
      out_ += "null";
    else
      append_json_string(out_, value);
    return *this;
  }
  JsonObject& optional_int(std::string_view n, std::optional<int> value) {
    name(n);
    if (value)
      append_json_int(out_, *value);
    else
      out_ += "null";
    return *this;
  }
  JsonObject& decimal(std::string_view n, const std::optional<Decimal>& value, bool canonical) {
    name(n);
    append_json_decimal(out_, value, canonical);
    return *this;
  }
  JsonObject& span(std::string_view n, const Span& s) {
    name(n);
    append_json_span(out_, s);
    return *this;
  }
  // A field whose value the caller writes itself (an array or a nested object).
  std::string& raw(std::string_view n) {
    name(n);
    return out_;
  }
  void close() { out_.push_back('}'); }

 private:
  void name(std::string_view n) {
    // Field names are the record contract's snake_case words: nothing in them needs escaping.
    // Put together here and appended in one piece: a record has dozens of them, and each append
    // checks the capacity anew.
    char buf[64];
    if (n.size() > sizeof buf - 4) return long_name(n);
    char* p = buf;
    if (!first_) *p++ = ',';
    first_ = false;
    *p++ = '"';
    std::memcpy(p, n.data(), n.size());
    p += n.size();
    *p++ = '"';
    *p++ = ':';
    out_.append(buf, p - buf);
  }
  void long_name(std::string_view n) {
    if (!first_) out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_.append(n);
    out_ += "\":";
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace budgetlens::emit::detail
