// Record ids: unique within a document, stable for the same input and grammar.
#pragma once

#include <string>

namespace budgetlens {

// "s3", "t2", "q17": a letter and a 1-based number.
inline std::string numbered_id(char letter, int number) {
  std::string id(1, letter);
  id += std::to_string(number);
  return id;
}

inline std::string section_id(int index) { return index < 0 ? std::string() : numbered_id('s', index + 1); }
inline std::string table_id(int index) { return index < 0 ? std::string() : numbered_id('t', index + 1); }
inline std::string quantity_id(int index) { return numbered_id('q', index + 1); }
inline std::string indicator_id(int index) { return numbered_id('i', index + 1); }

}  // namespace budgetlens
