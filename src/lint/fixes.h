// The fix engine: choosing which findings' fixes to apply, applying their edits to the files'
// text, showing the result as a unified diff, and writing files safely. See docs/output.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::lint {

// One file's text once the chosen fixes are applied.
struct FileChange {
  SourceFilePtr file;  // as loaded: its path is where to write, its text the "before"
  std::string text;    // after
  size_t fixes = 0;    // fixes applied to this file
};

struct FixPlan {
  std::vector<FileChange> files;  // only files whose text changes, sorted by path
  size_t applied = 0;             // fixes applied, all files together
  size_t skipped = 0;             // eligible fixes left out (overlapping, or malformed edits)
};

// Chooses and applies fixes: safe ones, and unsafe ones too when `unsafe`. Per file, fixes are
// taken in position order (their first edit); one whose edits overlap an edit already taken is
// skipped (a rerun finds it again on the new text), and a fix is applied whole or not at all.
// Two edits overlap when their byte ranges intersect, or when both insert at one offset, or
// when one inserts strictly inside the other's range; touching ranges do not overlap. A fix with
// exactly the edits of one already taken counts as applied (one remedy for two findings).
FixPlan plan_fixes(const std::vector<Diagnostic>& diags, bool unsafe);

// Applies non-overlapping edits (in any order) to `text`; insertions at an offset where a
// replacement starts go before it.
std::string apply_edits(std::string_view text, std::vector<Edit> edits);

// What `diff -u --label <old_label> --label <new_label>` prints for two texts (3 lines of
// context by default, `\ No newline at end of file` where it applies); "" when they are equal.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label, int context = 3);

// Replaces a file's content atomically: a temporary file in the same folder, given the
// original's permission bits, renamed over it (over a symlink's target, keeping the link).
// Returns false and sets `error` on failure, leaving the file untouched.
bool write_file_atomically(const std::string& path, std::string_view text, std::string* error);

}  // namespace miglint::lint
