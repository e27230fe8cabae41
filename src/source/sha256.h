// SHA-256 of a byte string, as 64 lower-case hex digits: the document record's fingerprint.
#pragma once

#include <string>
#include <string_view>

namespace budgetlens::source {

std::string sha256_hex(std::string_view bytes);

}  // namespace budgetlens::source
