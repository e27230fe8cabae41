// Exact decimal numbers for published amounts.
//
// A Decimal is an integer mantissa with a decimal scale: 1186.81 is {118681, 2}. Every published
// figure keeps the number of decimals it was printed with, so a total can be checked against the
// precision of its parts, and converting 万元 to 元 is a shift of the scale, never a rounding.
//
//   Decimal a = *Decimal::parse("1186.81");        // scale 2
//   Decimal yuan = a.shifted(4);                   // 11868100, scale 0
//   (a + *Decimal::parse("0.2")).to_string();      // "1187.01"
//
// Binary floating point appears only in to_double(), which exists for the spreadsheet writer.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace budgetlens {

class Decimal {
 public:
  // Published numbers have at most kMaxDigits significant digits and kMaxScale decimals; longer ones
  // are refused by parse(). Computed values keep every decimal while they have fewer than 37 digits,
  // and fewer decimals beyond (decimal.cpp).
  static constexpr int kMaxDigits = 18;
  static constexpr int kMaxScale = 18;

  Decimal() = default;
  static Decimal from_int(int64_t value) { return Decimal(value, 0); }

  // Parses an ASCII decimal: optional '-' or '+', digits, optional '.' and digits ("12.", ".5" and
  // "12.50" are accepted). Returns nullopt for anything else or more than kMaxDigits digits.
  static std::optional<Decimal> parse(std::string_view text);

  int scale() const { return scale_; }
  bool is_zero() const { return mantissa_ == 0; }
  bool is_negative() const { return mantissa_ < 0; }
  int sign() const { return mantissa_ < 0 ? -1 : (mantissa_ > 0 ? 1 : 0); }

  // "1186.81", "-0.50": every printed decimal kept.
  std::string to_string() const;
  // Trailing fractional zeros dropped: "6400.00" -> "6400", "0.50" -> "0.5".
  std::string to_canonical() const;
  // The longest text either form can have: a sign, the 39 digits of an __int128 and a point (a
  // value below one, "0." and kMaxScale decimals, is shorter).
  static constexpr size_t kMaxChars = 1 + 39 + 1;
  // to_string() (or with `canonical` to_canonical()) written into buf, which holds kMaxChars; returns
  // its length. For writers that append many numbers and want no string for each.
  size_t format(char* buf, bool canonical) const;

  // The value times 10^power (power may be negative), exact: the scale absorbs the shift.
  Decimal shifted(int power) const;
  // The same value without trailing fractional zeros, the number to_canonical() writes: 6400.00 ->
  // 6400, 0.50 -> 0.5.
  Decimal trimmed() const;
  // The same value at a larger scale (exact), or rounded half away from zero to a smaller one.
  Decimal rescaled(int new_scale) const;
  Decimal abs() const { return Decimal(mantissa_ < 0 ? -mantissa_ : mantissa_, scale_); }
  Decimal negated() const { return Decimal(-mantissa_, scale_); }

  // One half unit of the last printed decimal: 0.005 for a value printed with two decimals.
  static Decimal half_unit(int scale);

  // a / b rounded half away from zero to `scale` decimals; nullopt when b is zero or the quotient does
  // not fit.
  static std::optional<Decimal> divide(const Decimal& a, const Decimal& b, int scale);

  double to_double() const;

  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  // Exact product; the scales add. Meant for small factors (a rate times 100), not two large amounts.
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return compare(a, b) == 0; }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    int c = compare(a, b);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
  }

 private:
  Decimal(__int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}
  // The value of mantissa × 10^-scale within the mantissa limit (decimal.cpp).
  static Decimal bounded(__int128 mantissa, int scale);
  static int compare(const Decimal& a, const Decimal& b);

  __int128 mantissa_ = 0;
  int scale_ = 0;
};

}  // namespace budgetlens
