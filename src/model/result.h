// Errors are values: a stage returns Result<T, Code>, holding either its output or an Error with a
// documented code, the byte offset where the problem was seen and a message a user can act on.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace budgetlens {

template <typename Code>
struct Error {
  Code code;
  std::string message;  // one line, names what to do about it
  uint64_t offset = 0;  // byte offset in the input where the problem was seen, when it has one
};

template <typename T, typename Code>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error<Code> error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error<Code>& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error<Code>> v_;
};

}  // namespace budgetlens
