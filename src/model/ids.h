// Record ids: unique within a document, stable for the same input and grammar.
#pragma once

#include <charconv>
#include <string>

namespace budgetlens {

// "s3", "t2", "q17": a letter and a 1-based number, made in place (every record has one or more).
inline std::string numbered_id(char letter, int number) {
  char buf[16];
  buf[0] = letter;
  return std::string(buf, std::to_chars(buf + 1, buf + sizeof buf, number).ptr);
}

inline std::string section_id(int index) { return index < 0 ? std::string() : numbered_id('s', index + 1); }
inline std::string table_id(int index) { return index < 0 ? std::string() : numbered_id('t', index + 1); }
inline std::string quantity_id(int index) { return numbered_id('q', index + 1); }
inline std::string indicator_id(int index) { return numbered_id('i', index + 1); }
inline std::string check_id(int index) { return numbered_id('c', index + 1); }

}  // namespace budgetlens
