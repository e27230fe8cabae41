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

// Bytes on their way to the end of a string, gathered in a buffer of their own and appended in
// pieces of up to kSize bytes. A record is written in dozens of short pieces (a name, a quote, a
// value), and appending each to the string checked its capacity and called a copy for each.
class PendingBytes {
 public:
  static constexpr size_t kSize = 512;

  explicit PendingBytes(std::string& out) : out_(out) {}
  PendingBytes(const PendingBytes&) = delete;
  PendingBytes& operator=(const PendingBytes&) = delete;
  ~PendingBytes() { flush(); }

  // Where the next k bytes (k <= kSize) may be written; then done() with the end of what was.
  char* room(size_t k) {
    if (static_cast<size_t>(buf_ + kSize - end_) < k) flush();
    return end_;
  }
  void done(char* end) { end_ = end; }
  void put(char c) { *room(1) = c, ++end_; }
  void put(std::string_view s) {
    if (static_cast<size_t>(buf_ + kSize - end_) < s.size()) {
      flush();
      if (s.size() > kSize) {
        out_.append(s);
        return;
      }
    }
    // Bounded by the room left, not by kSize: told that a copy is at most kSize bytes, the compiler
    // made it `rep movsq`, whose start-up costs more than the copy of a few bytes.
    std::memcpy(end_, s.data(), s.size());
    end_ += s.size();
  }
  // The string, with everything written so far in it.
  std::string& flushed() {
    flush();
    return out_;
  }

 private:
  void flush() {
    out_.append(buf_, end_);
    end_ = buf_;
  }

  std::string& out_;
  char buf_[kSize];
  char* end_ = buf_;
};

void write_json_string(PendingBytes& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);
// Exact decimals are written as strings so no reader turns them into binary floating point:
// as printed ("6400.00"), or canonical ("6400") for computed values such as value_yuan; null for none.
void write_json_decimal(PendingBytes& out, const std::optional<Decimal>& value, bool canonical);
void write_json_span(PendingBytes& out, const Span& span);
void write_json_int(PendingBytes& out, int64_t value);

// Writes one JSON object, fields in the order they are added. The methods are inline, so that each
// call site copies its field name with the name's length known; the values are written out of line.
// What is written reaches the string at close(), at raw(), or when the writer goes.
class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_.put('{'); }
  // An object whose first fields were written before, once for many objects: `head` is what this
  // writer wrote for them, from its opening brace on, without the closing one.
  JsonObject(std::string& out, std::string_view head) : out_(out), first_(head.size() <= 1) {
    out_.put(head);
  }
  JsonObject& field(std::string_view n, std::string_view value) {
    name(n);
    write_json_string(out_, value);
    return *this;
  }
  JsonObject& field(std::string_view n, const char* value) { return field(n, std::string_view(value)); }
  JsonObject& field(std::string_view n, int64_t value) {
    name(n);
    write_json_int(out_, value);
    return *this;
  }
  JsonObject& field(std::string_view n, bool value) {
    name(n);
    out_.put(value ? std::string_view("true") : std::string_view("false"));
    return *this;
  }
  // A JSON string, or null when empty: for optional references such as a parent id.
  JsonObject& optional_string(std::string_view n, std::string_view value) {
    name(n);
    if (value.empty())
      out_.put("null");
    else
      write_json_string(out_, value);
    return *this;
  }
  JsonObject& optional_int(std::string_view n, std::optional<int> value) {
    name(n);
    if (value)
      write_json_int(out_, *value);
    else
      out_.put("null");
    return *this;
  }
  JsonObject& decimal(std::string_view n, const std::optional<Decimal>& value, bool canonical) {
    name(n);
    write_json_decimal(out_, value, canonical);
    return *this;
  }
  JsonObject& span(std::string_view n, const Span& s) {
    name(n);
    write_json_span(out_, s);
    return *this;
  }
  // A field whose value the caller writes itself (an array or a nested object), to the string
  // returned, before this writer writes on.
  std::string& raw(std::string_view n) {
    name(n);
    return out_.flushed();
  }
  void close() {
    out_.put('}');
    out_.flushed();
  }

 private:
  void name(std::string_view n) {
    // Field names are the record contract's snake_case words: nothing in them needs escaping.
    if (n.size() > PendingBytes::kSize - 4) return long_name(n);
    char* p = out_.room(n.size() + 4);
    if (!first_) *p++ = ',';
    first_ = false;
    *p++ = '"';
    std::memcpy(p, n.data(), n.size());
    p += n.size();
    *p++ = '"';
    *p++ = ':';
    out_.done(p);
  }
  void long_name(std::string_view n) {
    if (!first_) out_.put(',');
    first_ = false;
    out_.put('"');
    out_.put(n);
    out_.put("\":");
  }

  PendingBytes out_;
  bool first_ = true;
};

}  // namespace budgetlens::emit::detail
