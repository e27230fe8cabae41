// Internal to checks/: comparing a stated figure with what its operands give, at printed precision.
//
// Figures are compared in a base unit (元 for money) as exact decimals. Each carries its
// resolution: one unit of its last printed decimal in that base unit (0.01万元 = 100元). A printed
// figure may be off its true value by half its resolution, so a sum of n printed parts may differ
// from its printed total by up to half the total's resolution plus half of each part's, without any
// mistake in the document. A part printed with fewer decimals than its total ("191" beside
// "662.98") is read at the total's precision: documents drop trailing zeros, not digits.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/decimal.h"

namespace budgetlens::checks::detail {

struct Amount {
  Decimal value;       // in the base unit
  Decimal resolution;  // one unit of the last printed decimal, in the base unit; 0 for exact counts
};

enum class Status { kPass, kRounding, kFail };

struct Verdict {
  Status status = Status::kPass;
  Decimal computed;
  Decimal difference;  // stated − computed
  Decimal tolerance;
};

std::string_view status_name(Status s);

// stated = Σ terms (each already carrying its sign). `exact` compares without tolerance (scores).
Verdict verify_sum(const Amount& stated, const std::vector<Amount>& terms, bool exact);

// A percentage printed with `decimals` decimals against 100 × numerator / denominator, computed to
// two more decimals than printed. Within the rounding of the operands, or at most one unit of the
// last printed decimal away (a rate cut off or rounded up: "96.55" printed "96"), is `rounding`.
// nullopt when the denominator is zero or the rate too large to compute.
std::optional<Verdict> verify_percent(const Decimal& stated, int decimals, const Amount& numerator,
                                      const Amount& denominator);

}  // namespace budgetlens::checks::detail
