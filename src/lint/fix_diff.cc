// Unified diffs of a file before and after fixes, in the format of GNU `diff -u` (the tests
// compare with it): Myers' shortest edit script over lines, after trimming the common prefix and
// suffix; runs of changes placed as GNU diff places them; each run prints its deletions before
// its insertions. Where several shortest scripts exist, GNU's own comparison can still pick
// another one (the output is then equally short and equally valid for `patch`).
#include <fmt/core.h>

#include <algorithm>
#include <unordered_map>

#include "lint/fixes.h"

namespace miglint::lint {
namespace {

// Lines keep their '\n' so a last line without one differs from the same line with one.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return lines;
}

enum class OpKind : uint8_t { Equal, Delete, Insert };
struct Op {
  OpKind kind;
  size_t a, b;  // line indices in before/after (the one that does not apply is the current one)
};

// Past this many differences the middle is shown as deleted then inserted: still a correct
// diff, and it bounds the trace's memory (quadratic in the number of differences).
constexpr long kMaxDifferences = 4000;

// Myers' O(ND) algorithm on a[ab, ae) and b[bb, be); appends the script.
void myers(const std::vector<int>& a, const std::vector<int>& b, size_t ab, size_t ae, size_t bb, size_t be,
           std::vector<Op>& out) {
  const long n = static_cast<long>(ae - ab), m = static_cast<long>(be - bb);
  const long max = std::min(n + m, kMaxDifferences);
  std::vector<long> v(2 * max + 3, 0);
  auto at = [&](long k) -> long& { return v[static_cast<size_t>(k + max + 1)]; };
  std::vector<std::vector<long>> trace;  // v[-d..d] before step d
  long found = -1;
  for (long d = 0; d <= max && found < 0; ++d) {
    trace.emplace_back();
    for (long k = -d; k <= d; ++k) trace.back().push_back(at(k));
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[ab + x] == b[bb + y]) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    for (long i = 0; i < n; ++i) out.push_back({OpKind::Delete, ab + i, bb});
    for (long j = 0; j < m; ++j) out.push_back({OpKind::Insert, ae, bb + j});
    return;
  }
  std::vector<Op> rev;
  long x = n, y = m;
  for (long d = found; d > 0; --d) {
    const std::vector<long>& prev = trace[d];  // v as step d found it, indexed k + d
    auto pv = [&](long k) { return prev[static_cast<size_t>(k + d)]; };
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv(k - 1) < pv(k + 1))) ? k + 1 : k - 1;
    long prev_x = pv(prev_k), prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) --x, --y, rev.push_back({OpKind::Equal, ab + x, bb + y});
    if (prev_k == k + 1) rev.push_back({OpKind::Insert, ab + prev_x, bb + prev_y});
    else rev.push_back({OpKind::Delete, ab + prev_x, bb + prev_y});
    x = prev_x, y = prev_y;
  }
  while (x > 0 && y > 0) --x, --y, rev.push_back({OpKind::Equal, ab + x, bb + y});
  out.insert(out.end(), rev.rbegin(), rev.rend());
}

// Equally short scripts can place a run of changed lines differently when it borders lines
// equal to its own (delete one of two blank lines: which one?). GNU diff settles this after
// its comparison, and so do we, with the same rules: runs slide over equal neighbours to merge
// with nearby runs; a run still free to move goes as far down as it can, except that it stays
// at the lowest place where the other file also has changes, so a deletion and its
// replacement print together. `mine` and `theirs` are change flags with a zero sentinel at
// each end (so index 1 is line 0).
class RunSlider {
 public:
  RunSlider(std::vector<char>& mine, const std::vector<char>& theirs, const std::vector<int>& lines)
      : mine_(mine.data() + 1), theirs_(theirs.data() + 1), lines_(lines), n_(static_cast<long>(lines.size())) {}

  void slide_all() {
    long line = 0;
    for (;;) {
      // Walk to the next run; every unchanged line of mine pairs with the next unchanged one of
      // theirs, so `paired_` stays at theirs' counterpart of the current point.
      while (line < n_ && !mine_[line]) {
        skip_their_changes();
        ++paired_;
        ++line;
      }
      if (line == n_) return;
      begin_ = line;
      end_ = line;
      while (mine_[end_]) ++end_;
      skip_their_changes();
      settle_run();
      line = end_;
    }
  }

 private:
  void skip_their_changes() {
    while (theirs_[paired_]) ++paired_;
  }

  void settle_run() {
    long aligned, length;
    do {
      length = end_ - begin_;
      while (begin_ > 0 && lines_[begin_ - 1] == lines_[end_ - 1]) {
        up();
        while (mine_[begin_ - 1]) --begin_;  // merged with the run above
      }
      aligned = theirs_[paired_ - 1] ? end_ : n_;
      while (end_ < n_ && lines_[begin_] == lines_[end_]) {
        mine_[begin_++] = 0;
        mine_[end_++] = 1;
        while (mine_[end_]) ++end_;  // merged with the run below
        ++paired_;
        for (; theirs_[paired_]; ++paired_) aligned = end_;
      }
    } while (length != end_ - begin_);
    while (aligned < end_) up();
  }

  // Moves the run up one line: its last line becomes unchanged, the line above it changed.
  void up() {
    mine_[--begin_] = 1;
    mine_[--end_] = 0;
    do --paired_;
    while (theirs_[paired_]);
  }

  char* mine_;
  const char* theirs_;
  const std::vector<int>& lines_;
  long n_;
  long begin_ = 0, end_ = 0, paired_ = 0;
};

// GNU's range notation: "start,count", "start" for one line, "before,0" for none.
std::string range(size_t first, size_t count) {
  if (count == 0) return fmt::format("{},0", first);
  if (count == 1) return fmt::format("{}", first + 1);
  return fmt::format("{},{}", first + 1, count);
}

void emit_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label, int context) {
  if (before == after) return "";
  std::vector<std::string_view> la = split_lines(before), lb = split_lines(after);
  // Lines as small integers, so the inner loop compares ints.
  std::unordered_map<std::string_view, int> ids;
  std::vector<int> a, b;
  for (auto l : la) a.push_back(ids.emplace(l, static_cast<int>(ids.size())).first->second);
  for (auto l : lb) b.push_back(ids.emplace(l, static_cast<int>(ids.size())).first->second);

  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  std::vector<Op> ops;
  for (size_t i = 0; i < prefix; ++i) ops.push_back({OpKind::Equal, i, i});
  myers(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, ops);
  for (size_t i = suffix; i > 0; --i) ops.push_back({OpKind::Equal, a.size() - i, b.size() - i});
  std::vector<char> changed_a(a.size() + 2, 0), changed_b(b.size() + 2, 0);
  for (const Op& op : ops) {
    if (op.kind == OpKind::Delete) changed_a[op.a + 1] = 1;
    if (op.kind == OpKind::Insert) changed_b[op.b + 1] = 1;
  }
  RunSlider(changed_a, changed_b, a).slide_all();
  RunSlider(changed_b, changed_a, b).slide_all();
  ops.clear();
  for (size_t x = 0, y = 0; x < a.size() || y < b.size();) {
    if (x < a.size() && changed_a[x + 1]) ops.push_back({OpKind::Delete, x++, y});
    else if (y < b.size() && changed_b[y + 1]) ops.push_back({OpKind::Insert, x, y++});
    else ops.push_back({OpKind::Equal, x++, y++});
  }

  std::string out = fmt::format("--- {}\n+++ {}\n", old_label, new_label);
  const size_t ctx = static_cast<size_t>(std::max(context, 0));
  size_t i = 0;
  while (i < ops.size()) {
    // The next change, and the hunk around it: changes separated by at most 2*context equal
    // lines share a hunk.
    while (i < ops.size() && ops[i].kind == OpKind::Equal) ++i;
    if (i == ops.size()) break;
    size_t start = i >= ctx ? i - ctx : 0;
    size_t end = i;  // one past the hunk's last change
    for (size_t j = i; j < ops.size();) {
      if (ops[j].kind != OpKind::Equal) {
        end = ++j;
        continue;
      }
      size_t run = j;
      while (run < ops.size() && ops[run].kind == OpKind::Equal) ++run;
      if (run == ops.size() || run - j > 2 * ctx) break;
      j = run;
    }
    size_t stop = std::min(ops.size(), end + ctx);
    size_t a_count = 0, b_count = 0;
    for (size_t j = start; j < stop; ++j) {
      if (ops[j].kind != OpKind::Insert) ++a_count;
      if (ops[j].kind != OpKind::Delete) ++b_count;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(ops[start].a, a_count), range(ops[start].b, b_count));
    for (size_t j = start; j < stop;) {
      if (ops[j].kind == OpKind::Equal) {
        emit_line(out, ' ', la[ops[j].a]);
        ++j;
        continue;
      }
      size_t run = j;
      while (run < stop && ops[run].kind != OpKind::Equal) ++run;
      for (size_t k = j; k < run; ++k)
        if (ops[k].kind == OpKind::Delete) emit_line(out, '-', la[ops[k].a]);
      for (size_t k = j; k < run; ++k)
        if (ops[k].kind == OpKind::Insert) emit_line(out, '+', lb[ops[k].b]);
      j = run;
    }
    i = stop;
  }
  return out;
}

}  // namespace miglint::lint
