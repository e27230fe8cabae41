#include "emit/json_writer.h"

namespace budgetlens::emit::detail {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void JsonObject::name(std::string_view n) {
  if (!first_) out_.push_back(',');
  first_ = false;
  append_json_string(out_, n);
  out_.push_back(':');
}

JsonObject& JsonObject::field(std::string_view n, std::string_view value) {
  name(n);
  append_json_string(out_, value);
  return *this;
}

JsonObject& JsonObject::field(std::string_view n, int64_t value) {
  name(n);
  out_ += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::field(std::string_view n, bool value) {
  name(n);
  out_ += value ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::optional_string(std::string_view n, std::string_view value) {
  name(n);
  if (value.empty()) out_ += "null";
  else append_json_string(out_, value);
  return *this;
}

JsonObject& JsonObject::optional_int(std::string_view n, std::optional<int> value) {
  name(n);
  out_ += value ? std::to_string(*value) : "null";
  return *this;
}

JsonObject& JsonObject::decimal(std::string_view n, const std::optional<Decimal>& value, bool canonical) {
  name(n);
  if (value) append_json_string(out_, canonical ? value->to_canonical() : value->to_string());
  else out_ += "null";
  return *this;
}

JsonObject& JsonObject::span(std::string_view n, const Span& s) {
  name(n);
  out_ += "{\"line\":" + std::to_string(s.line) + ",\"col\":" + std::to_string(s.col) +
          ",\"offset\":" + std::to_string(s.offset) + ",\"length\":" + std::to_string(s.length) + "}";
  return *this;
}

std::string& JsonObject::raw(std::string_view n) {
  name(n);
  return out_;
}

}  // namespace budgetlens::emit::detail
