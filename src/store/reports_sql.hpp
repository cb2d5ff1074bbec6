#pragma once
// The admin queue's read of reported questions, the same SQL on SQLite and PostgreSQL (only the
// parameter markers differ, so each backend appends its own WHERE).
// One row per reported question: its status (open when never set), counts, the newest report.
#define CERTHUB_SELECT_REPORTED                                                          \
  "SELECT r.question_id, max(r.certification), coalesce(st.status, 'open'), "            \
  "coalesce(st.note, ''), st.updated_at, count(*) FILTER (WHERE r.open = 1), count(*), " \
  "count(*) FILTER (WHERE r.open = 1 AND r.category = 'wrong_key'), "                    \
  "count(*) FILTER (WHERE r.open = 1 AND r.category = 'unclear'), "                      \
  "count(*) FILTER (WHERE r.open = 1 AND r.category = 'outdated'), "                     \
  "count(*) FILTER (WHERE r.open = 1 AND r.category = 'typo'), "                         \
  "count(*) FILTER (WHERE r.open = 1 AND r.category = 'other'), max(r.created_at) "      \
  "FROM question_reports r LEFT JOIN question_report_status st ON st.question_id = "     \
  "r.question_id "
#define CERTHUB_GROUP_REPORTED " GROUP BY r.question_id, st.status, st.note, st.updated_at"
