// Internal to source/: column numbers in long lines without counting from the line's start each
// time. A span's column is the number of characters before it on its line; counting them anew for
// every figure of a line a megabyte long made reading such a line quadratic.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace budgetlens::source::detail {

// The number of characters of `s` before each 1 KiB boundary (entry k: before offset k·1024).
std::vector<uint32_t> chars_per_kib(std::string_view s);

// The number of characters of `s` before byte `offset`, from the index `kib` of it.
uint32_t chars_before(std::string_view s, const std::vector<uint32_t>& kib, uint32_t offset);

// The number of characters of `s` in bytes [from, to): counted directly when near, as most columns
// are, else from the index.
uint32_t chars_between(std::string_view s, const std::vector<uint32_t>& kib, uint32_t from, uint32_t to);

}  // namespace budgetlens::source::detail
