#include "model/decimal.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace budgetlens {
namespace {

constexpr int kMaxScale = Decimal::kMaxScale;

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// Brings both mantissas to the larger scale. Values are bounded by kMaxDigits digits plus shifts, so
// the products fit.
void align(const Decimal& a, const Decimal& b, __int128& ma, __int128& mb, int& scale, __int128 a_m,
           __int128 b_m) {
  scale = std::max(a.scale(), b.scale());
  ma = a_m * pow10(scale - a.scale());
  mb = b_m * pow10(scale - b.scale());
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
  const char* first = digits_before(end, mantissa_ < 0 ? -mantissa_ : mantissa_);
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

Decimal Decimal::shifted(int power) const {
  int scale = scale_ - power;
  if (scale > kMaxScale) return Decimal(mantissa_, scale).rescaled(kMaxScale);
  if (scale >= 0) return Decimal(mantissa_, scale);
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
  if (new_scale >= scale_) return Decimal(mantissa_ * pow10(new_scale - scale_), new_scale);
  __int128 divisor = pow10(scale_ - new_scale);
  __int128 m = mantissa_ < 0 ? -mantissa_ : mantissa_;
  __int128 q = m / divisor, r = m % divisor;
  if (r * 2 >= divisor) ++q;
  return Decimal(mantissa_ < 0 ? -q : q, new_scale);
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
  __int128 num = a.mantissa_ < 0 ? -a.mantissa_ : a.mantissa_;
  __int128 den = b.mantissa_ < 0 ? -b.mantissa_ : b.mantissa_;
  const int exp = b.scale_ + scale - a.scale_;
  __int128 q, r;
  if (exp >= 0) {
    // A decimal digit at a time: ma × 10^exp need not fit in 128 bits (a divisor with many
    // decimals), but the remainder, below the divisor, does. Nullopt when the quotient does not.
    if (den > kMost / 10) return std::nullopt;
    q = num / den, r = num % den;
    for (int i = 0; i < exp; ++i) {
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
  return Decimal(negative ? -q : q, scale);
}

double Decimal::to_double() const {
  // Only for the spreadsheet writer: the text form is exact, strtod rounds it once.
  return std::strtod(to_string().c_str(), nullptr);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  __int128 ma, mb;
  int scale;
  align(a, b, ma, mb, scale, a.mantissa_, b.mantissa_);
  return Decimal(ma + mb, scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  __int128 ma, mb;
  int scale;
  align(a, b, ma, mb, scale, a.mantissa_, b.mantissa_);
  return Decimal(ma - mb, scale);
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  Decimal product(a.mantissa_ * b.mantissa_, a.scale_ + b.scale_);
  return product.scale_ > kMaxScale ? product.rescaled(kMaxScale) : product;
}

int Decimal::compare(const Decimal& a, const Decimal& b) {
  __int128 ma, mb;
  int scale;
  align(a, b, ma, mb, scale, a.mantissa_, b.mantissa_);
  return ma < mb ? -1 : (ma > mb ? 1 : 0);
}

}  // namespace budgetlens
