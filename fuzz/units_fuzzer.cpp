// Numbers and units: every figure read from any text has a value that prints and reads back, and
// exact arithmetic on any two of them neither overflows nor traps.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.h"
#include "model/decimal.h"
#include "text/fold.h"
#include "units/units.h"

using namespace budgetlens;

namespace {

void require_round_trip(const Decimal& d) {
  std::optional<Decimal> back = Decimal::parse(d.to_string());
  if (back) FUZZ_REQUIRE(*back == d && back->to_string() == d.to_string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const grammar::UnitGrammar& units = fuzzing::builtin_grammar().units;
  std::string key = text::match_key(bytes);
  std::vector<Decimal> values;
  for (size_t i = 0; i < key.size(); ++i) {
    std::optional<units::Figure> f = units::read_figure(key, i, units);
    if (!f) continue;
    FUZZ_REQUIRE(f->begin <= f->number_begin && f->number_begin < f->number_end && f->end <= key.size());
    require_round_trip(f->value);
    if (f->unit) {
      Decimal yuan = units::to_yuan(f->value, *f->unit);
      require_round_trip(yuan);
    }
    values.push_back(f->value);
  }
  if (std::optional<units::Figure> cell = units::cell_figure(key, units)) require_round_trip(cell->value);
  if (std::optional<Decimal> whole = Decimal::parse(bytes)) require_round_trip(*whole);

  // What the checks do with figures: sums, differences, rates, tolerances, rescaling.
  for (size_t i = 0; i + 1 < values.size() && i < 64; ++i) {
    const Decimal& a = values[i];
    const Decimal& b = values[i + 1];
    Decimal sum = a + b, difference = a - b;
    FUZZ_REQUIRE(sum - b == a);
    FUZZ_REQUIRE(difference + b == a);
    (void)(a < b);
    (void)Decimal::divide(a, b, 2);
    (void)Decimal::divide(a, b, 12);
    (void)(a * Decimal::from_int(100));
    (void)a.rescaled(b.scale());
    (void)a.shifted(8).to_string();
    (void)a.shifted(-8).to_canonical();
    (void)Decimal::half_unit(a.scale());
    (void)a.to_double();
  }
  return 0;
}
