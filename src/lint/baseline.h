// Baselines: the findings a repository already had when it adopted miglint, recorded so that
// `check --baseline FILE` reports only new ones. A finding is keyed by its rule, the revision
// whose file holds it, and a stable key of the operation it is about (never a line number, so
// reformatting a file or adding lines above keeps the match). See docs/pull-requests.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::alembic {
struct Project;
}

namespace miglint::lint {

struct BaselineEntry {
  std::string rule;
  std::string revision;   // the revision id of the file holding the finding ("" outside any)
  std::string operation;  // operation_key() of the finding
  std::string message;    // for people reading the file; not matched

};

// Which operation a finding is about, as text that survives reformatting:
//  - inside upgrade()/downgrade(): the phase, the outermost call around the finding (its
//    origin when it has one) and that call's first string argument, e.g.
//    `upgrade op.execute CREATE INDEX ix ON t (c)` or `upgrade op.add_column users`
//    (a string inside a nested call such as `sa.text("...")` counts as the first argument);
//  - elsewhere in the file: the reported source text without whitespace and with `'` read as
//    `"`, e.g. `"abc123"` for a `down_revision` value; "" for findings about a whole file.
std::string operation_key(const alembic::Project& project, const Diagnostic& d);

// The entry a finding gets; config-error and unreadable-file get none (they are never
// baselined: they are about the run, not the history).
std::optional<BaselineEntry> baseline_entry(const alembic::Project& project, const Diagnostic& d);

// The baseline file: {"version": 1, "entries": [{"rule", "revision", "operation", "message"}…]},
// entries sorted so that regenerating it gives a small diff.
std::string render_baseline(std::vector<BaselineEntry> entries);
// Reads a baseline file's text; nullopt and `error` when it is not one.
std::optional<std::vector<BaselineEntry>> parse_baseline(std::string_view text, std::string* error);

struct BaselineOutcome {
  std::vector<Diagnostic> kept;  // findings not in the baseline
  size_t suppressed = 0;         // findings the baseline matched
  size_t stale = 0;              // baseline entries no finding matched any more
};

// Drops the findings the baseline lists. Each entry matches at most one finding (two equal
// findings need two entries), so a second copy of a baselined mistake is still reported.
BaselineOutcome apply_baseline(const alembic::Project& project, std::vector<Diagnostic> found,
                               const std::vector<BaselineEntry>& baseline);

}  // namespace miglint::lint
