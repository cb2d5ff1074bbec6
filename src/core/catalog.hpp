#pragma once
// The shipped content as immutable values: what the content loader produces and every page
// and exam reads. Nothing here does I/O.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/route_map.hpp"  // PracticeStatus

namespace certhub {

struct Source {
  std::string id;
  std::string title;
  std::string url;
  Date checked;
  bool official = false;
};

// A fact as a page shows it: the sentence and the sources that back it.
struct Fact {
  std::string text;
  std::vector<std::string> sources;
};

struct Training {
  Fact fact;
  std::optional<int> hours;
  std::vector<std::string> formats;
};

struct Exam {
  Fact fact;
  int questions = 0;
  int minutes = 0;
  std::optional<int> pass_count;
  std::optional<double> pass_percent;
  std::vector<std::string> types;
  std::vector<std::string> languages;
};

struct Renewal {
  Fact fact;
  std::optional<int> years;
  std::optional<int> seus;
  std::optional<int> fee_usd;
};

struct Domain {
  std::string id;
  std::string name;
  int weight = 0;  // percent of the exam
  std::string covers;
};

struct Certification {
  std::string id;
  std::string code;
  std::string name;
  std::string family;
  std::string lane;
  int level = 1;
  std::string level_name;
  std::string summary;
  std::string audience;
  std::string tests_what;
  PracticeStatus practice = PracticeStatus::status_only;
  Fact focus;
  Fact prerequisites;
  Training training;
  std::optional<Exam> exam;
  std::optional<Fact> no_exam;
  Fact fees;
  Renewal renewal;
  std::optional<Fact> retake;
  bool official_weights = false;
  std::vector<Domain> domains;
  std::vector<Fact> notes;
  std::vector<std::string> adjacent;
};

struct Goal {
  std::string goal;
  std::string link;
  std::string why;
};

struct Lane {
  std::string lane;
  std::string best_fit;
};

struct Family {
  std::string id;
  std::string name;
  std::string summary;
  std::string intro;
  std::string website;
  std::vector<std::string> sources;
  std::vector<std::string> right_route_when;
  std::vector<Goal> goals;
  std::vector<Lane> lanes;
  Goal best_next;  // `goal` unused
};

struct FeaturedComparison {
  std::string a;
  std::string b;
  std::string summary;
};

enum class CourseFormat { live_online, in_person };
enum class Availability { book_now, nearly_full, sold_out };

struct Course {
  std::string id;
  std::string title;
  std::string certification;
  CourseFormat format = CourseFormat::live_online;
  std::string city;
  std::string venue;
  Date start;
  int days = 1;
  int price = 0;
  std::string currency;
  std::string vat;  // excl | incl | none
  std::string trainer;
  Availability availability = Availability::book_now;
  std::string booking_url;
};

struct Schedule {
  bool example = false;
  std::string note;
  std::vector<Course> courses;
};

enum class QuestionType { single, multiple, true_false };

struct Option {
  std::string key;  // a..f
  std::string text;
  std::string reason;
};

struct Question {
  std::string id;
  std::string certification;
  std::string domain;
  QuestionType type = QuestionType::single;
  int choose = 1;
  int difficulty = 2;
  bool scenario = false;
  bool sample = false;
  std::string stem;
  std::vector<Option> options;
  std::vector<std::string> key;
  std::string explanation;
  std::string reference;
  // Where it is written: its file under the content directory ("questions/csm/events.yaml")
  // and the 1-based line of its entry, for the admin area's item statistics and reports.
  std::string file;
  int line = 0;
};

// A live route's quick review: the exam's high-yield rules on one page, each with its source and
// the bank questions that test it (content/reviews/{certification}.yaml).
struct ReviewRule {
  std::string id;                      // unique in its review
  std::string text;                    // Markdown
  std::string source;                  // like a question's reference
  std::vector<std::string> questions;  // ids in the certification's bank
};

struct ReviewSection {
  std::string id;
  std::string title;
  std::vector<ReviewRule> rules;
};

struct Review {
  std::string certification;
  std::string intro;  // Markdown
  std::vector<ReviewSection> sections;

  const ReviewRule* rule(std::string_view id) const;
};

// One immutable snapshot of all content. Readers hold a shared_ptr<const Catalog>, so a
// reload swaps the pointer and never changes what a request in flight is reading.
struct Catalog {
  std::string version;  // hash of every content file; changes whenever content does
  std::vector<Source> sources;
  std::vector<Family> families;
  std::vector<Certification> certifications;
  std::vector<std::vector<std::string>> ladders;
  std::vector<std::pair<std::string, std::string>> equivalents;
  std::vector<FeaturedComparison> featured;
  Schedule schedule;
  std::vector<Question> questions;
  std::vector<Review> reviews;

  const Source* source(const std::string& id) const;
  const Family* family(const std::string& id) const;
  const Certification* certification(const std::string& id) const;
  const Question* question(const std::string& id) const;
  std::vector<const Question*> bank(const std::string& certification) const;
  const Review* review(std::string_view certification) const;

  // Filled by finish(): indexes by id.
  void finish();

 private:
  std::map<std::string, size_t, std::less<>> source_index_, family_index_, cert_index_,
      question_index_;
};

using CatalogPtr = std::shared_ptr<const Catalog>;

const char* to_string(PracticeStatus status);
const char* to_string(QuestionType type);
const char* to_string(CourseFormat format);
const char* to_string(Availability availability);

}  // namespace certhub
