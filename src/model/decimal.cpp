#include "model/decimal.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace budgetlens {
namespace {

constexpr int kMaxScale = Decimal::kMaxScale;

// 10^0 .. 10^38, every power __int128 holds.
constexpr auto kPowersOfTen = [] {
  std::array<__int128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

// 0 <= n <= 38: every caller scales by the difference of two scales (at most kMaxScale apart) or
// has checked the room (fits_scaled).
constexpr __int128 pow10(int n) {
  return kPowersOfTen[n];
}

// Every mantissa stays below 10^kMantissaDigits in magnitude, so that two of them add up, and one
// times ten, inside __int128 (which holds 38 digits and a bit). A result that would need more digits
// keeps fewer decimals (see bounded()), and one above 10^37 at no decimals at all is clamped there:
// no published figure comes near, but arithmetic on absurd input must stay defined.
constexpr int kMantissaDigits = 37;
constexpr __int128 kMantissaLimit = pow10(kMantissaDigits);

__int128 magnitude(__int128 m) {
  return m < 0 ? -m : m;
}

// m / 10^k rounded half away from zero.
__int128 divide_rounded(__int128 m, int k) {
  const __int128 divisor = pow10(k);
  __int128 q = magnitude(m) / divisor, r = magnitude(m) % divisor;
  if (r >= divisor - r) ++q;
  return m < 0 ? -q : q;
}

// kRoom[k]: the mantissa limit over 10^k, what a mantissa must stay below to be scaled by 10^k.
constexpr auto kRoom = [] {
  std::array<__int128, kMantissaDigits + 1> room{};
  for (int k = 0; k <= kMantissaDigits; ++k) room[k] = kMantissaLimit / pow10(k);
  return room;
}();

// True iff m × 10^k stays below the mantissa limit.
bool fits_scaled(__int128 m, int k) {
  return k <= kMantissaDigits && magnitude(m) < kRoom[k];
}

// The scale both a and b can be brought to: the larger of theirs, or as many decimals fewer as the
// mantissa limit needs (the coarser of the two always fits at its own scale).
int reduced_scale(__int128 a_m, int a_scale, __int128 b_m, int b_scale) {
  int scale = std::max(a_scale, b_scale);
  const int floor = std::min(a_scale, b_scale);
  while (scale > floor &&
         !(fits_scaled(a_m, std::max(0, scale - a_scale)) && fits_scaled(b_m, std::max(0, scale - b_scale))))
    --scale;
  return scale;
}

inline int common_scale(__int128 a_m, int a_scale, __int128 b_m, int b_scale) {
  // Published figures and what is computed from them: both fit, without asking.
  constexpr __int128 kPrinted = pow10(Decimal::kMaxDigits);
  if (magnitude(a_m) < kPrinted && magnitude(b_m) < kPrinted &&
      std::abs(a_scale - b_scale) <= kMantissaDigits - Decimal::kMaxDigits)
    return std::max(a_scale, b_scale);
  return reduced_scale(a_m, a_scale, b_m, b_scale);
}

// m (at `from` decimals) at `to` decimals: exact when to >= from, rounded otherwise.
__int128 at_scale(__int128 m, int from, int to) {
  return to >= from ? m * pow10(to - from) : divide_rounded(m, from - to);
}

// Writes the digits of v >= 0 backwards, ending just before `end`; returns where they begin. The
// mantissas of published figures fit in 64 bits, where division by ten is a multiplication; the
// __int128 division it replaces is a library call.
char* digits_before(char* end, __int128 v) {
  if (v <= static_cast<__int128>(UINT64_MAX)) {
    uint64_t u = static_cast<uint64_t>(v);
    do {
      *--end = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u > 0);
    return end;
  }
  do {
    *--end = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v > 0);
  return end;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  __int128 mantissa = 0;
  int digits = 0, scale = 0, significant = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (significant > 0 || c != '0') ++significant;
    if (significant > kMaxDigits) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
    if (seen_point) ++scale;
  }
  if (digits == 0 || scale > kMaxScale) return std::nullopt;
  return Decimal(negative ? -mantissa : mantissa, scale);
}

size_t Decimal::format(char* buf, bool canonical) const {
  char digits[40];
  char* end = digits + sizeof digits;
  const char* first = digits_before(end, magnitude(mantissa_));
  size_t n = end - first;
  int scale = scale_;
  if (canonical) {  // trailing fractional zeros go, and with them the point if nothing is left
    while (scale > 0 && n > 1 && first[n - 1] == '0') --n, --scale;
    if (scale > 0 && n == 1 && first[0] == '0') scale = 0;
  }
  char* out = buf;
  if (mantissa_ < 0) *out++ = '-';
  if (scale == 0) {
    std::memcpy(out, first, n);
    out += n;
  } else if (static_cast<int>(n) <= scale) {  // 0.05: the zeros before the first digit
    *out++ = '0';
    *out++ = '.';
    out = std::fill_n(out, scale - static_cast<int>(n), '0');
    std::memcpy(out, first, n);
    out += n;
  } else {
    const size_t whole = n - scale;
    std::memcpy(out, first, whole);
    out += whole;
    *out++ = '.';
    std::memcpy(out, first + whole, scale);
    out += scale;
  }
  return out - buf;
}

std::string Decimal::to_string() const {
  char buf[kMaxChars];
  return std::string(buf, format(buf, false));
}

std::string Decimal::to_canonical() const {
  char buf[kMaxChars];
  return std::string(buf, format(buf, true));
}

Decimal Decimal::bounded(__int128 mantissa, int scale) {
  // A sum of two bounded mantissas, or one times ten, is at most one digit too long.
  while (magnitude(mantissa) >= kMantissaLimit && scale > 0) mantissa = divide_rounded(mantissa, 1), --scale;
  if (magnitude(mantissa) >= kMantissaLimit)
    mantissa = mantissa < 0 ? 1 - kMantissaLimit : kMantissaLimit - 1;
  return Decimal(mantissa, scale);
}

Decimal Decimal::shifted(int power) const {
  int scale = scale_ - power;
  if (scale > kMaxScale) return Decimal(mantissa_, scale).rescaled(kMaxScale);
  if (scale >= 0) return Decimal(mantissa_, scale);
  if (!fits_scaled(mantissa_, -scale)) return bounded(mantissa_ < 0 ? -kMantissaLimit : kMantissaLimit, 0);
  return Decimal(mantissa_ * pow10(-scale), 0);
}

Decimal Decimal::trimmed() const {
  __int128 m = mantissa_;
  int scale = scale_;
  while (scale > 0 && m % 10 == 0) m /= 10, --scale;
  return Decimal(m, scale);
}

Decimal Decimal::rescaled(int new_scale) const {
  new_scale = std::clamp(new_scale, 0, kMaxScale);
  if (new_scale >= scale_) {
    while (new_scale > scale_ && !fits_scaled(mantissa_, new_scale - scale_))
      --new_scale;  // no room for more
    return Decimal(mantissa_ * pow10(new_scale - scale_), new_scale);
  }
  return Decimal(divide_rounded(mantissa_, scale_ - new_scale), new_scale);
}

Decimal Decimal::half_unit(int scale) {
  // 0.5 × 10^-scale = 5 × 10^-(scale+1)
  return Decimal(5, std::clamp(scale + 1, 0, kMaxScale));
}

std::optional<Decimal> Decimal::divide(const Decimal& a, const Decimal& b, int scale) {
  if (b.mantissa_ == 0) return std::nullopt;
  scale = std::clamp(scale, 0, 12);
  constexpr __int128 kMost = ~(static_cast<__int128>(1) << 127);
  // a/b = (ma / 10^sa) / (mb / 10^sb); scaled result r = a/b × 10^scale
  //     = ma × 10^(sb + scale - sa) / mb, rounded.
  const __int128 num = magnitude(a.mantissa_);
  __int128 den = magnitude(b.mantissa_);
  const int exp = b.scale_ + scale - a.scale_;
  __int128 q, r;
  if (exp >= 0) {
    // In one step when ma × 10^exp fits; else a decimal digit at a time, as it need not (a divisor
    // with many decimals) while the remainder, below the divisor, does. Nullopt when the quotient
    // does not fit.
    if (den > kMost / 10) return std::nullopt;
    const bool fits = exp <= kMantissaDigits && num < kRoom[exp];
    const __int128 scaled = fits ? num * pow10(exp) : num;
    q = scaled / den, r = scaled % den;
    for (int i = 0; !fits && i < exp; ++i) {
      if (q > kMost / 10 - 1) return std::nullopt;
      r *= 10;
      q = q * 10 + r / den;
      r %= den;
    }
  } else {
    if (den > kMost / pow10(-exp)) return std::nullopt;
    den *= pow10(-exp);
    q = num / den, r = num % den;
  }
  if (r >= den - r) ++q;  // r × 2 >= den, without the product
  bool negative = (a.mantissa_ < 0) != (b.mantissa_ < 0);
  return bounded(negative ? -q : q, scale);
}

double Decimal::to_double() const {
  // Only for the spreadsheet writer: the text form is exact, strtod rounds it once.
  return std::strtod(to_string().c_str(), nullptr);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  // Figures of one column or one table share their scale, and their sums stay far inside the limit.
  if (a.scale_ == b.scale_ && magnitude(a.mantissa_) < kMantissaLimit / 2 &&
      magnitude(b.mantissa_) < kMantissaLimit / 2)
    return Decimal(a.mantissa_ + b.mantissa_, a.scale_);
  const int scale = common_scale(a.mantissa_, a.scale_, b.mantissa_, b.scale_);
  return Decimal::bounded(at_scale(a.mantissa_, a.scale_, scale) + at_scale(b.mantissa_, b.scale_, scale),
                          scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  return a + b.negated();
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  __int128 ma = a.mantissa_, mb = b.mantissa_;
  int sa = a.scale_, sb = b.scale_;
  __int128 product;
  // Decimals are dropped, from the operand that has more, until the product fits.
  while (__builtin_mul_overflow(ma, mb, &product) || magnitude(product) >= kMantissaLimit) {
    if (sa == 0 && sb == 0)
      return Decimal::bounded((ma < 0) != (mb < 0) ? -kMantissaLimit : kMantissaLimit, 0);
    if (sa >= sb)
      ma = divide_rounded(ma, 1), --sa;
    else
      mb = divide_rounded(mb, 1), --sb;
  }
  Decimal result(product, sa + sb);
  return result.scale_ > kMaxScale ? result.rescaled(kMaxScale) : result;
}

int Decimal::compare(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) return a.mantissa_ < b.mantissa_ ? -1 : (a.mantissa_ > b.mantissa_ ? 1 : 0);
  if (a.sign() != b.sign()) return a.sign() < b.sign() ? -1 : 1;
  const int scale = common_scale(a.mantissa_, a.scale_, b.mantissa_, b.scale_);
  const __int128 ma = at_scale(a.mantissa_, a.scale_, scale), mb = at_scale(b.mantissa_, b.scale_, scale);
  return ma < mb ? -1 : (ma > mb ? 1 : 0);
}

}  // namespace budgetlens
