// The Scrum Guide 2020 as a fingerprint: hashes of its 12-word windows, made by
// `certhub guide-fingerprint scrum-guide-2020.txt > src/content/scrum_guide_fingerprint.inc`.
// It lets the lint find a copied run without the project keeping the Guide's sentences.
#include "content/originality.hpp"

namespace certhub {

const std::vector<std::uint64_t>& scrum_guide_fingerprint() {
  static const std::vector<std::uint64_t> kFingerprint{
#include "content/scrum_guide_fingerprint.inc"
  };
  return kFingerprint;
}

}  // namespace certhub
