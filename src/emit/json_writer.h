// Internal to emit/: a minimal JSON object writer with correct string escaping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/decimal.h"
#include "model/span.h"

namespace budgetlens::emit::detail {

void append_json_string(std::string& out, std::string_view s);

// Writes one JSON object, fields in the order they are added.
class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_.push_back('{'); }
  JsonObject& field(std::string_view name, std::string_view value);
  JsonObject& field(std::string_view name, const char* value) { return field(name, std::string_view(value)); }
  JsonObject& field(std::string_view name, int64_t value);
  JsonObject& field(std::string_view name, bool value);
  // A JSON string, or null when empty: for optional references such as a parent id.
  JsonObject& optional_string(std::string_view name, std::string_view value);
  JsonObject& optional_int(std::string_view name, std::optional<int> value);
  // Exact decimals are written as strings so no reader turns them into binary floating point:
  // as printed ("6400.00"), or canonical ("6400") for computed values such as value_yuan.
  JsonObject& decimal(std::string_view name, const std::optional<Decimal>& value, bool canonical);
  JsonObject& span(std::string_view name, const Span& span);
  // A field whose value the caller writes itself (an array or a nested object).
  std::string& raw(std::string_view name);
  void close() { out_.push_back('}'); }

 private:
  void name(std::string_view n);
  std::string& out_;
  bool first_ = true;
};

}  // namespace budgetlens::emit::detail
