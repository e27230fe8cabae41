// Numbers written in words or markers.
#pragma once

#include <string_view>

namespace budgetlens::text {

// The number a list marker counts: "二、" 2, "（十一）" 11, "3." 3, "⑤" 5; 0 when it counts none.
// At most a million, however many digits the marker has.
int marker_ordinal(std::string_view marker);

}  // namespace budgetlens::text
