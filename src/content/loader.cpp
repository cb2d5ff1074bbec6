#include "content/loader.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "content/file_loader.hpp"
#include "content/yaml_reader.hpp"
#include "core/blueprint.hpp"

namespace certhub {
namespace fs = std::filesystem;
namespace {

// One content file of the load, in the order files are merged (sources.yaml first, then by
// path): what was read from disk and, after the parallel phase, what it defines.
struct File {
  fs::path path;
  fs::path rel;
  std::string name;  // path.string(), as diagnostics name the file
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::string problem;  // why it could not be read, if it could not
  FilePart part;

  std::string_view bytes() const { return {data.get(), size}; }

  // An unreadable file reads as empty, as it always has. (No zero-filled std::string: the
  // bank files are big and read() fills every byte anyway.)
  void read() {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    auto end = in ? static_cast<std::streamoff>(in.tellg()) : 0;
    if (end <= 0) return;
    data = std::make_unique_for_overwrite<char[]>(static_cast<std::size_t>(end));
    in.seekg(0);
    in.read(data.get(), end);
    size = static_cast<std::size_t>(in.gcount());
  }
};

// Threads for a load: one per core, at least one, at most one per file.
std::size_t pool_size(std::size_t files) {
  return std::max<std::size_t>(1,
                               std::min<std::size_t>(std::thread::hardware_concurrency(), files));
}

// Runs jobs 0..count-1 on `threads` threads, the calling one included. Each job writes only
// its own slot of the caller's results, so nothing depends on which thread ran what, or when.
template <typename Job>
void run_parallel(std::size_t count, std::size_t threads, Job job) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) job(i);
  };
  std::vector<std::jthread> pool;
  try {
    for (std::size_t t = 1; t < std::min(threads, count); ++t) pool.emplace_back(work);
  } catch (const std::system_error&) {  // no more threads to be had: fewer do the work
  }
  work();
}

class Loader {
 public:
  explicit Loader(fs::path root) : root_(std::move(root)) {}

  LoadResult run() {
    if (!fs::is_directory(root_)) {
      diags_.push_back({root_.string(), 1, 1, Severity::error, "content directory not found"});
      return {nullptr, diags_};
    }
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(root_))
      if (entry.is_regular_file()) paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const char* required : {"sources.yaml", "families.yaml"})
      if (std::find(paths.begin(), paths.end(), root_ / required) == paths.end())
        diags_.push_back(
            {(root_ / required).string(), 1, 1, Severity::error, "required file is missing"});
    // Sources first: every other file cites them.
    std::stable_partition(paths.begin(), paths.end(),
                          [&](const fs::path& p) { return p == root_ / "sources.yaml"; });
    for (const auto& path : paths) {
      auto ext = path.extension().string();
      if (ext != ".yaml" && ext != ".yml") continue;  // READMEs and notes may sit beside content
      files_.push_back({path, fs::relative(path, root_), path.string(), nullptr, 0, {}, {}});
    }
    read_all();
    // The content hash chains every byte in file order, so it is one long job of its own. It
    // runs beside the merge and the cross-file checks, which use one thread.
    std::jthread hasher;
    try {
      if (pool_size(files_.size()) > 1) hasher = std::jthread([this] { hash_files(); });
    } catch (const std::system_error&) {
    }
    if (!hasher.joinable()) hash_files();
    std::size_t questions = 0, stems = 0;
    for (const auto& file : files_) {
      questions += file.part.catalog.questions.size();
      stems += file.part.stems.size();
    }
    catalog_.questions.reserve(questions);
    ids_[static_cast<std::size_t>(IdKind::question)].reserve(questions);
    stems_.reserve(stems);
    for (auto& file : files_) merge(file);
    catalog_.finish();
    for (const auto& ref : refs_)
      if (auto msg = ref.problem(catalog_)) report(ref.at, *msg);
    check_duplicate_stems();
    warn_small_domains();
    warn_live_without_review();
    if (hasher.joinable()) hasher.join();
    catalog_.version = version_hex();
    for (auto& file : files_) file.data.reset();
    std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    LoadResult result;
    result.diagnostics = std::move(diags_);
    if (!has_errors(result.diagnostics))
      result.catalog = std::make_shared<const Catalog>(std::move(catalog_));
    return result;
  }

 private:
  // Loads every file from disk, then parses each into its part of the catalog, both in
  // parallel; the biggest files go first so the threads finish together.
  void read_all() {
    run_parallel(files_.size(), pool_size(files_.size()), [&](std::size_t i) {
      try {
        files_[i].read();
      } catch (const std::exception& e) {  // out of memory, most likely; never a crash
        files_[i].problem = e.what();
      }
    });
    std::vector<std::size_t> order(files_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return files_[a].size > files_[b].size; });
    run_parallel(files_.size(), pool_size(files_.size()), [&](std::size_t job) {
      auto& file = files_[order[job]];
      try {
        if (file.problem.empty())
          file.part = read_content_file(order[job], file.path, file.rel, file.bytes());
      } catch (const std::exception& e) {
        file.problem = e.what();
      }
      if (!file.problem.empty())
        file.part.diagnostics.push_back(
            {file.name, 1, 1, Severity::error, "could not read the file: " + file.problem});
    });
  }

  void hash_files() {
    for (const auto& file : files_) {
      hash(file.rel.generic_string());
      hash(file.bytes());
    }
  }

  // Adds one file's part, in file order, exactly as if the files had been read one by one.
  void merge(File& file) {
    auto& part = file.part;
    auto& from = part.catalog;
    // Items with ids wait in the part in the order of their claims; one cursor per kind.
    std::size_t sources = 0, families = 0, certifications = 0, courses = 0, questions = 0;
    auto take = [](auto& to, auto& items, std::size_t& next, bool keep) {
      if (keep) to.push_back(std::move(items[next]));
      ++next;
    };
    std::size_t next_diag = 0;
    for (auto& claim : part.claims) {
      for (; next_diag < claim.diagnostics_before; ++next_diag)
        diags_.push_back(std::move(part.diagnostics[next_diag]));
      bool keep = unique(claim);
      switch (claim.kind) {
        case IdKind::source:
          take(catalog_.sources, from.sources, sources, keep);
          break;
        case IdKind::family:
          take(catalog_.families, from.families, families, keep);
          break;
        case IdKind::certification:
          take(catalog_.certifications, from.certifications, certifications, keep);
          break;
        case IdKind::course:
          take(catalog_.schedule.courses, from.schedule.courses, courses, keep);
          break;
        case IdKind::question:
          take(catalog_.questions, from.questions, questions, keep);
          break;
      }
    }
    for (; next_diag < part.diagnostics.size(); ++next_diag)
      diags_.push_back(std::move(part.diagnostics[next_diag]));
    auto append = [](auto& to, auto& items) {
      to.insert(to.end(), std::make_move_iterator(items.begin()),
                std::make_move_iterator(items.end()));
    };
    append(catalog_.ladders, from.ladders);
    append(catalog_.equivalents, from.equivalents);
    append(catalog_.featured, from.featured);
    append(catalog_.reviews, from.reviews);
    if (part.schedule) {
      catalog_.schedule.example = from.schedule.example;
      catalog_.schedule.note = std::move(from.schedule.note);
    }
    append(refs_, part.refs);
    append(stems_, part.stems);
    if (!part.bank.empty()) bank_files_[part.bank] = file.name;
    part = FilePart();
  }

  const std::string& file_name(const Place& at) const { return files_[at.file].name; }

  void report(const Place& at, std::string message, Severity sev = Severity::error) {
    YamlReader r(file_name(at), diags_);
    sev == Severity::error ? r.error(at.mark, std::move(message))
                           : r.warning(at.mark, std::move(message));
  }

  // Takes the claim's id when it is new.
  bool unique(IdClaim& claim) {
    auto& ids = ids_[static_cast<std::size_t>(claim.kind)];
    auto it = ids.find(claim.id);
    if (it == ids.end()) {
      ids.emplace(std::move(claim.id), claim.at);
      return true;
    }
    report(claim.at, "duplicate " + std::string(to_string(claim.kind)) + " id " +
                         in_quotes(claim.id) + " (first defined at " + file_name(it->second) + ":" +
                         std::to_string(it->second.mark.line + 1) + ")");
    return false;
  }

  void check_duplicate_stems() {
    std::unordered_map<std::string_view, const Place*> seen;
    seen.reserve(stems_.size());
    for (const auto& [stem, place] : stems_) {
      if (stem.empty()) continue;
      auto [it, inserted] = seen.emplace(stem, &place);
      if (!inserted)
        report(place, "duplicate question stem (same as " + file_name(*it->second) + ":" +
                          std::to_string(it->second->mark.line + 1) + ")");
    }
  }

  // Three full mock exams should be drawable without repeating a question.
  void warn_small_domains() {
    std::map<std::pair<std::string_view, std::string_view>, long> counts;
    for (const auto& q : catalog_.questions) ++counts[{q.certification, q.domain}];
    for (const auto& cert : catalog_.certifications) {
      auto bp = blueprint_for(cert);
      if (!bp || cert.practice == PracticeStatus::status_only) continue;
      for (const auto& draw : bp->draws) {
        auto found = counts.find({cert.id, draw.domain});
        long have = found == counts.end() ? 0 : found->second;
        if (have >= 3L * draw.count) continue;
        auto bank = bank_files_.find(cert.id + "/" + draw.domain);
        auto file = bank != bank_files_.end()
                        ? bank->second
                        : (root_ / "questions" / cert.id / (draw.domain + ".yaml")).string();
        diags_.push_back({file, 1, 1, Severity::warning,
                          "domain " + in_quotes(draw.domain) + " has " + std::to_string(have) +
                              " questions; three full mock exams draw " +
                              std::to_string(3 * draw.count)});
      }
    }
  }

  // Every live route promises a quick review page; a new route must not go live without one.
  void warn_live_without_review() {
    for (const auto& cert : catalog_.certifications)
      if (cert.practice == PracticeStatus::live && !catalog_.review(cert.id))
        diags_.push_back(
            {(root_ / "certifications" / (cert.id + ".yaml")).string(), 1, 1, Severity::warning,
             "live practice without a quick review (add reviews/" + cert.id + ".yaml)"});
  }

  void hash(std::string_view bytes) {
    for (unsigned char ch : bytes) {
      hash_ ^= ch;
      hash_ *= 1099511628211ULL;
    }
    hash_ ^= 0xff;  // separates file boundaries
    hash_ *= 1099511628211ULL;
  }

  std::string version_hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
    return std::string(buf, 12);
  }

  fs::path root_;
  std::vector<File> files_;
  std::vector<Diagnostic> diags_;
  Catalog catalog_;
  std::vector<PendingRef> refs_;
  std::array<std::unordered_map<std::string, Place>, 5> ids_;  // by IdKind
  std::vector<std::pair<std::string, Place>> stems_;
  std::map<std::string, std::string> bank_files_;
  unsigned long long hash_ = 14695981039346656037ULL;
};

}  // namespace

LoadResult load_content(const fs::path& dir) {
  return Loader(dir).run();
}

}  // namespace certhub
