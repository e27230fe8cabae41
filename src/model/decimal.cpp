#include "model/decimal.h"

#include <algorithm>

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

std::string digits_of(__int128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(s.begin(), s.end());
  return s;
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

std::string Decimal::to_string() const {
  __int128 m = mantissa_ < 0 ? -mantissa_ : mantissa_;
  std::string digits = digits_of(m);
  std::string out = mantissa_ < 0 ? "-" : "";
  if (scale_ > 0 && static_cast<int>(digits.size()) <= scale_) out.append(scale_ - digits.size() + 1, '0');
  out += digits;
  if (scale_ > 0) out.insert(out.size() - scale_, 1, '.');
  return out;
}

std::string Decimal::to_canonical() const {
  std::string s = to_string();
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

Decimal Decimal::shifted(int power) const {
  int scale = scale_ - power;
  if (scale > kMaxScale) return Decimal(mantissa_, scale).rescaled(kMaxScale);
  if (scale >= 0) return Decimal(mantissa_, scale);
  return Decimal(mantissa_ * pow10(-scale), 0);
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
  // a/b = (ma / 10^sa) / (mb / 10^sb); scaled result r = a/b × 10^scale
  //     = ma × 10^(sb + scale - sa) / mb, rounded.
  __int128 num = a.mantissa_ < 0 ? -a.mantissa_ : a.mantissa_;
  __int128 den = b.mantissa_ < 0 ? -b.mantissa_ : b.mantissa_;
  int exp = b.scale_ + scale - a.scale_;
  if (exp >= 0) {
    num *= pow10(exp);
  } else {
    den *= pow10(-exp);
  }
  __int128 q = num / den, r = num % den;
  if (r * 2 >= den) ++q;
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
