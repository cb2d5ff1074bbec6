// The admin pages on question quality: item statistics (/admin/items), the reports queue
// (/admin/reports), one question with its statistics and reports (/admin/questions/{id}), and
// setting a question's report status.
#include <algorithm>
#include <cmath>

#include "core/date.hpp"
#include "features/admin/admin.hpp"
#include "features/admin/item_stats.hpp"
#include "features/admin/routes.hpp"
#include "store/reports.hpp"
#include "web/form.hpp"
#include "web/report_form.hpp"

namespace certhub {
namespace {

constexpr int kQueueShown = 50;
constexpr int kReportsShown = 20;
constexpr std::size_t kNoteMax = 2000;

std::string two_places(double v) {
  auto r = std::lround(std::fabs(v) * 100);
  auto frac = std::to_string(r % 100);
  return std::string(v < 0 && r != 0 ? "−" : "") + std::to_string(r / 100) + "." +
         (frac.size() < 2 ? "0" : "") + frac;
}

std::string source_text(const Question& q) {
  return q.file.empty() ? std::string() : "content/" + q.file + ":" + std::to_string(q.line);
}

// A plain-text start of the stem for lists (Markdown left as written, escaped by the template).
std::string stem_excerpt(const std::string& stem) {
  constexpr std::size_t kMax = 160;
  if (stem.size() <= kMax) return stem;
  auto cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
  return stem.substr(0, cut) + "…";
}

View stat_view(const ItemStat& s) {
  View v;
  v.set("attempts", std::to_string(s.attempts));
  v.set("facility", two_places(s.facility));
  v.set("discrimination", s.discrimination ? two_places(*s.discrimination) : "n/a");
  v.set("flagged", view_bool(s.flagged));
  std::string reasons;
  for (const auto& r : s.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
  v.set("reasons", reasons);
  v.set("enough", view_bool(s.enough));
  return v;
}

View status_choices(const std::string& current) {
  ViewList list;
  for (auto s : kReportStatuses) {
    View item;
    item.set("value", std::string(s));
    item.set("label", std::string(s == "open" ? "Open" : s == "fixed" ? "Fixed" : "Rejected"));
    item.set("selected", view_bool(s == current));
    list.push_back(item);
  }
  return list;
}

View counts_view(const ReportedQuestion& rq) {
  ViewList list;
  for (size_t i = 0; i < kReportCategories.size(); ++i) {
    if (rq.open_by_category[i] == 0) continue;
    View item;
    item.set("label", report_category_label(kReportCategories[i]));
    item.set("count", std::to_string(rq.open_by_category[i]));
    list.push_back(item);
  }
  return list;
}

View reports_view(const std::vector<QuestionReport>& reports) {
  ViewList list;
  for (const auto& r : reports) {
    View item;
    item.set("category", report_category_label(r.category));
    item.set("text", r.text);
    item.set("has_text", view_bool(!r.text.empty()));
    item.set("created", utc_minute_text(r.created_at));
    item.set("open", view_bool(r.open));
    list.push_back(item);
  }
  return list;
}

View reported_view(const ReportedQuestion& rq) {
  View v;
  v.set("status", rq.status);
  v.set("note", rq.note);
  v.set("has_note", view_bool(!rq.note.empty()));
  v.set("updated", rq.updated_at ? View(utc_minute_text(*rq.updated_at)) : view_bool(false));
  v.set("open_reports", std::to_string(rq.open_reports));
  v.set("all_reports", std::to_string(rq.all_reports));
  v.set("counts", counts_view(rq));
  v.set("statuses", status_choices(rq.status));
  return v;
}

class QualityPages {
 public:
  QualityPages(App& app, ItemStatistics& stats) : app_(app), stats_(stats) {}

  Response items(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto snapshot = stats_.latest();
    auto catalog = app_.catalog();
    View v;
    v.set("csrf_token", visitor->csrf_token);
    v.set("computing", view_bool(snapshot.computing));
    v.set("error", snapshot.error.empty() ? view_bool(false) : View(snapshot.error));
    v.set("min_attempts", std::to_string(kItemMinAttempts));
    v.set("min_discrimination", two_places(kItemMinDiscrimination));
    v.set("min_facility", two_places(kItemMinFacility));
    v.set("max_facility", two_places(kItemMaxFacility));
    const auto* result = snapshot.result.get();
    v.set("has_result", view_bool(result != nullptr));
    if (result) {
      v.set("computed_at", utc_minute_text(result->computed_at));
      v.set("seconds", two_places(result->seconds));
      v.set("attempts", std::to_string(result->attempts));
      v.set("stale_content", view_bool(result->content_version != catalog->version));
      ViewList rows;
      int flagged = 0;
      for (const auto& s : result->items) {
        const auto* q = catalog->question(s.question_id);
        if (!q) continue;  // removed since
        View row = stat_view(s);
        flagged += s.flagged ? 1 : 0;
        row.set("id", s.question_id);
        const auto* cert = catalog->certification(q->certification);
        row.set("route", cert ? cert->code : q->certification);
        row.set("source", source_text(*q));
        rows.push_back(row);
      }
      v.set("rows", rows);
      v.set("has_rows", view_bool(!rows.empty()));
      v.set("flagged_count", std::to_string(flagged));
    }
    return admin_page(app_, "Item statistics", "admin_items", v);
  }

  Response refresh(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(*visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Go back, reload the page and try again.");
    stats_.latest(true);
    return redirect("/admin/items");
  }

  Response question(const Request& req, const Params& p) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto catalog = app_.catalog();
    const auto* q = catalog->question(p.at("id"));
    auto reported = app_.store().reports().reported_question(p.at("id"));
    if (!q && !reported) return app_.error(404, "There is no such question.");
    View v;
    v.set("csrf_token", visitor->csrf_token);
    v.set("id", p.at("id"));
    v.set("in_content", view_bool(q != nullptr));
    if (q) {
      const auto* cert = catalog->certification(q->certification);
      v.set("route", cert ? cert->code : q->certification);
      v.set("domain", q->domain);
      v.set("source", source_text(*q));
      v.set("stem_html", markdown_html(q->stem));
      v.set("explanation_html", markdown_html(q->explanation));
      v.set("reference", q->reference);
      auto snapshot = stats_.latest();
      const auto* stat = snapshot.result ? snapshot.result->find(q->id) : nullptr;
      v.set("stat", stat ? stat_view(*stat) : view_bool(false));
      if (snapshot.result) v.set("computed_at", utc_minute_text(snapshot.result->computed_at));
      ViewList options;
      for (const auto& o : q->options) {
        View item;
        item.set("key", o.key);
        item.set("text_html", markdown_html(o.text));
        item.set("is_key",
                 view_bool(std::find(q->key.begin(), q->key.end(), o.key) != q->key.end()));
        int chosen = 0;
        if (stat)
          if (auto it = stat->option_counts.find(o.key); it != stat->option_counts.end())
            chosen = it->second;
        item.set("has_stat", view_bool(stat != nullptr));
        item.set("chosen", std::to_string(chosen));
        item.set("width",
                 std::to_string(stat && stat->attempts > 0 ? chosen * 100 / stat->attempts : 0));
        options.push_back(item);
      }
      v.set("options", options);
      if (stat) v.set("unanswered", std::to_string(stat->unanswered));
    }
    v.set("reported", reported ? reported_view(*reported) : view_bool(false));
    if (reported)
      v.set("reports", reports_view(app_.store().reports().reports_of(p.at("id"), 100)));
    if (auto query = parse_form(req.query))
      v.set("saved", view_bool(field(*query, "saved") == "1"));
    return admin_page(app_, "Question " + p.at("id"), "admin_question", v);
  }

  Response reports(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto query = parse_form(req.query).value_or(Form{});
    bool all = field(query, "show") == "all";
    auto catalog = app_.catalog();
    auto& store = app_.store().reports();
    ViewList rows;
    for (const auto& rq : store.queue(!all, kQueueShown)) {
      View row = reported_view(rq);
      row.set("id", rq.question_id);
      const auto* q = catalog->question(rq.question_id);
      const auto* cert = catalog->certification(rq.certification);
      row.set("route", cert ? cert->code : rq.certification);
      row.set("stem", q ? stem_excerpt(q->stem) : std::string("(no longer in the content)"));
      row.set("source", q ? source_text(*q) : std::string());
      row.set("reports", reports_view(store.reports_of(rq.question_id, kReportsShown)));
      rows.push_back(row);
    }
    View v;
    v.set("csrf_token", visitor->csrf_token);
    v.set("rows", rows);
    v.set("has_rows", view_bool(!rows.empty()));
    v.set("all", view_bool(all));
    auto saved = field(query, "saved");
    v.set("saved", saved.empty() ? view_bool(false) : View(saved));
    return admin_page(app_, "Reports", "admin_reports", v);
  }

  Response set_status(const Request& req, const Params& p) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(*visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Go back, reload the page and try again.");
    auto status = field(*form, "status");
    if (std::find(kReportStatuses.begin(), kReportStatuses.end(), status) == kReportStatuses.end())
      return app_.error(422, "Choose open, fixed or rejected.");
    auto note = field(*form, "note");
    if (note.size() > kNoteMax * 4 ||
        static_cast<std::size_t>(std::count_if(note.begin(), note.end(), [](char c) {
          return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        })) > kNoteMax)
      return app_.error(422, "The note is over 2,000 characters. Go back and shorten it.");
    const auto& id = p.at("id");
    if (!app_.store().reports().set_status(id, status, note, app_.now()))
      return app_.error(404, "This question has no reports.");
    if (field(*form, "back") == "question")
      return redirect("/admin/questions/" + url_encode(id) + "?saved=1");
    return redirect("/admin/reports?saved=" + url_encode(id));
  }

 private:
  App& app_;
  ItemStatistics& stats_;
};

}  // namespace

void add_admin_quality_routes(Router& r, App& app, ItemStatistics& stats) {
  auto pages = std::make_shared<QualityPages>(app, stats);
  auto bind = [pages](Response (QualityPages::*method)(const Request&, const Params&)) {
    return [pages, method](const Request& q, const Params& p) { return ((*pages).*method)(q, p); };
  };
  r.add("GET", "/admin/items", bind(&QualityPages::items));
  r.add("POST", "/admin/items/refresh", bind(&QualityPages::refresh));
  r.add("GET", "/admin/reports", bind(&QualityPages::reports));
  r.add("GET", "/admin/questions/{id}", bind(&QualityPages::question));
  r.add("POST", "/admin/questions/{id}/status", bind(&QualityPages::set_status));
}

}  // namespace certhub
