#pragma once
// Finds near-duplicate questions: two stems (with their keyed options) that share most of
// their meaningful words test the same point the same way, and should not meet in one exam.
#include <string>
#include <vector>

#include "core/catalog.hpp"

namespace certhub {

struct SimilarPair {
  const Question* a;
  const Question* b;
  double similarity;  // Jaccard index of the two word sets, 0..1
};

// Pairs at or above `threshold`, most similar first. Candidate pairs come from an index of
// rarer words, so a large bank is not compared pair by pair.
std::vector<SimilarPair> similar_questions(const std::vector<const Question*>& questions,
                                           double threshold);

}  // namespace certhub
