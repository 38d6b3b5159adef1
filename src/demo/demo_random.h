// The demo's randomness: splitmix64 seeded per named thing through FNV-1a, never std::
// distributions or std::hash (which differ between library versions), so a seed gives the
// same school on every machine and adding one thing never changes the others.
#pragma once

#include <string_view>

namespace koers::demo {

class Rng {
 public:
  explicit Rng(unsigned long long seed) : state_(seed) {}
  unsigned long long next() {
    unsigned long long z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return n <= 1 ? 0 : static_cast<int>(next() % static_cast<unsigned long long>(n)); }
  bool one_in(int n) { return below(n) == 0; }
  template <class T, size_t N>
  const T& pick(const T (&items)[N]) { return items[below(static_cast<int>(N))]; }

 private:
  unsigned long long state_;
};

inline unsigned long long fnv1a(std::string_view text) {
  unsigned long long h = 0xCBF29CE484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ULL;
  return h;
}

// The numbers of one named thing ("pupil L0-2019-07").
inline Rng rng_for(unsigned long long seed, std::string_view what) { return Rng(seed ^ fnv1a(what)); }

}  // namespace koers::demo
