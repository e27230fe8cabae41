// Internal to source/: the Limits (source.h) a document is checked against as it is read.
#pragma once

#include <optional>

#include "source/source.h"

namespace budgetlens::source::detail {

// The error that refuses decoded markup whose elements nest deeper than limits.max_depth (before
// the page is parsed), or nullopt.
std::optional<Error<ErrorCode>> beyond_depth(const SourceText& markup, const Limits& limits);

// The error that refuses a document whose text (a page's: as rendered) has a line longer than
// limits.max_line_length characters or a number of more than limits.max_digits digits, or nullopt.
std::optional<Error<ErrorCode>> beyond_text_limits(const SourceText& source, const Limits& limits);

}  // namespace budgetlens::source::detail
