#include "checks/arithmetic.h"

#include <algorithm>

namespace budgetlens::checks::detail {
namespace {

const Decimal kZero;
const Decimal kHundred = Decimal::from_int(100);

Decimal half(const Decimal& resolution) { return *Decimal::divide(resolution, Decimal::from_int(2), resolution.scale() + 1); }

Decimal smaller(const Decimal& a, const Decimal& b) { return a < b ? a : b; }

}  // namespace

std::string_view status_name(Status s) {
  switch (s) {
    case Status::kPass: return "pass";
    case Status::kRounding: return "rounding";
    case Status::kFail: return "fail";
  }
  return "fail";
}

Verdict verify_sum(const Amount& stated, const std::vector<Amount>& terms, bool exact) {
  Verdict v;
  for (const Amount& t : terms) v.computed = v.computed + t.value;
  v.difference = stated.value - v.computed;
  if (!exact) {
    v.tolerance = half(stated.resolution);
    for (const Amount& t : terms) {
      // A part printed coarser than its total is read at the total's precision.
      Decimal r = stated.resolution.is_zero() ? t.resolution : smaller(t.resolution, stated.resolution);
      v.tolerance = v.tolerance + half(r);
    }
  }
  Decimal gap = v.difference.abs();
  v.status = gap.is_zero() ? Status::kPass : (gap <= v.tolerance ? Status::kRounding : Status::kFail);
  return v;
}

std::optional<Verdict> verify_percent(const Decimal& stated, int decimals, const Amount& numerator,
                                      const Amount& denominator) {
  if (denominator.value.is_zero()) return std::nullopt;
  const int scale = decimals + 2;
  Verdict v;
  std::optional<Decimal> computed = Decimal::divide(numerator.value * kHundred, denominator.value, scale);
  if (!computed) return std::nullopt;
  v.computed = *computed;
  v.difference = stated - v.computed;
  Decimal printed_half = Decimal::half_unit(decimals);
  // The exact quotient rounded once, to the printed decimals: rounding `computed` again would pass
  // 44.4495% printed as 44.5% (44.450, then 44.5).
  std::optional<Decimal> rounded = Decimal::divide(numerator.value * kHundred, denominator.value, decimals);
  if (rounded && *rounded == stated) {
    v.status = Status::kPass;
    v.tolerance = printed_half;
    return v;
  }
  // Shown to as many decimals as it takes to see that it does not round to the printed rate.
  if (v.computed.rescaled(decimals) == stated) {
    if (std::optional<Decimal> finer =
            Decimal::divide(numerator.value * kHundred, denominator.value, scale + 3)) {
      v.computed = *finer;
      v.difference = stated - v.computed;
    }
  }
  // The rate the operands allow, from each at the end of its rounding interval.
  Decimal nh = half(numerator.resolution), dh = half(denominator.resolution);
  Decimal lo = kZero, hi = kZero;
  bool bounded = false;
  std::vector<Decimal> ends;
  for (const Decimal& n : {numerator.value - nh, numerator.value + nh}) {
    for (const Decimal& d : {denominator.value - dh, denominator.value + dh}) {
      if (d.is_zero() || d.sign() != denominator.value.sign()) continue;
      if (std::optional<Decimal> end = Decimal::divide(n * kHundred, d, scale + 2)) ends.push_back(*end);
    }
  }
  if (!ends.empty()) {
    lo = *std::min_element(ends.begin(), ends.end());
    hi = *std::max_element(ends.begin(), ends.end());
    bounded = true;
  }
  Decimal spread = bounded ? std::max(hi - v.computed, v.computed - lo) : kZero;
  v.tolerance = (printed_half + spread).rescaled(scale);
  // A rate cut off or rounded up instead of rounded (96.55 printed as 96, 18.7505 as 18.76, or the
  // last share nudged so that shares add up to 100%): off by at most one unit of its last decimal.
  Decimal unit = Decimal::half_unit(decimals) + Decimal::half_unit(decimals);
  bool one_unit = (stated - v.computed).abs() <= unit;
  bool within = bounded && stated + printed_half >= lo && stated - printed_half <= hi;
  v.status = one_unit || within ? Status::kRounding : Status::kFail;
  if (one_unit) v.tolerance = std::max(v.tolerance, unit);
  return v;
}

}  // namespace budgetlens::checks::detail
