// Choosing and applying fixes, and writing fixed files atomically.
#include "lint/fixes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>

namespace miglint::lint {
namespace {

bool overlap(Span a, Span b) {
  if (a.empty() && b.empty()) return a.begin == b.begin;
  if (a.empty()) return b.begin < a.begin && a.begin < b.end;
  if (b.empty()) return a.begin < b.begin && b.begin < a.end;
  return a.begin < b.end && b.begin < a.end;
}

bool well_formed(const Fix& fix, size_t text_size) {
  if (fix.edits.empty()) return false;
  for (size_t i = 0; i < fix.edits.size(); ++i) {
    Span s = fix.edits[i].span;
    if (s.begin > s.end || s.end > text_size) return false;
    for (size_t j = 0; j < i; ++j)
      if (overlap(s, fix.edits[j].span)) return false;
  }
  return true;
}

bool same_edits(const Fix& a, const Fix& b) {
  if (a.edits.size() != b.edits.size()) return false;
  for (size_t i = 0; i < a.edits.size(); ++i)
    if (a.edits[i].span != b.edits[i].span || a.edits[i].replacement != b.edits[i].replacement) return false;
  return true;
}

uint32_t first_offset(const Fix& fix) {
  uint32_t first = UINT32_MAX;
  for (const Edit& e : fix.edits) first = std::min(first, e.span.begin);
  return first;
}

std::string system_error(const char* what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

}  // namespace

std::string apply_edits(std::string_view text, std::vector<Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
  });
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (const Edit& e : edits) {
    out.append(text.substr(pos, e.span.begin - pos));
    out.append(e.replacement);
    pos = e.span.end;
  }
  out.append(text.substr(pos));
  return out;
}

FixPlan plan_fixes(const std::vector<Diagnostic>& diags, bool unsafe) {
  // Per file (by path, so output order is stable), the eligible fixes in position order.
  std::map<std::string, std::vector<const Diagnostic*>> by_file;
  for (const Diagnostic& d : diags)
    if (d.fix && d.location.file && (d.fix->safe || unsafe)) by_file[d.location.file->path()].push_back(&d);

  FixPlan plan;
  for (auto& [path, list] : by_file) {
    std::stable_sort(list.begin(), list.end(), [](const Diagnostic* a, const Diagnostic* b) {
      return first_offset(*a->fix) < first_offset(*b->fix);
    });
    const SourceFilePtr& file = list.front()->location.file;
    std::vector<Edit> taken;
    std::vector<const Fix*> taken_fixes;
    size_t fixes = 0;
    for (const Diagnostic* d : list) {
      const Fix& fix = *d->fix;
      // The same edits as a fix already taken (two findings with one remedy, such as two unused
      // ids of one suppression comment): applying them once fixes both.
      if (std::any_of(taken_fixes.begin(), taken_fixes.end(), [&](const Fix* t) { return same_edits(*t, fix); })) {
        ++fixes;
        continue;
      }
      bool ok = well_formed(fix, file->text().size());
      for (size_t i = 0; ok && i < fix.edits.size(); ++i)
        for (const Edit& t : taken)
          if (overlap(fix.edits[i].span, t.span)) ok = false;
      if (!ok) {
        ++plan.skipped;
        continue;
      }
      taken.insert(taken.end(), fix.edits.begin(), fix.edits.end());
      taken_fixes.push_back(&fix);
      ++fixes;
    }
    plan.applied += fixes;
    std::string text = apply_edits(file->text(), std::move(taken));
    if (text != file->text()) plan.files.push_back({file, std::move(text), fixes});
  }
  return plan;
}

bool write_file_atomically(const std::string& path, std::string_view text, std::string* error) {
  // Write beside the link's target, so a symlinked revision file stays a symlink.
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) {
    *error = system_error("cannot resolve", path);
    return false;
  }
  std::string target = resolved;
  struct stat st;
  if (::stat(target.c_str(), &st) != 0) {
    *error = system_error("cannot stat", path);
    return false;
  }
  size_t slash = target.rfind('/');
  std::string temp = target.substr(0, slash + 1) + "." + target.substr(slash + 1) + ".miglint-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    *error = system_error("cannot create a temporary file beside", path);
    return false;
  }
  bool ok = true;
  for (size_t done = 0; ok && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<size_t>(n);
  }
  if (!ok) *error = system_error("cannot write", temp);
  if (ok && ::fchmod(fd, st.st_mode & 07777) != 0) ok = false, *error = system_error("cannot set the mode of", temp);
  if (ok && ::fsync(fd) != 0) ok = false, *error = system_error("cannot flush", temp);
  if (::close(fd) != 0 && ok) ok = false, *error = system_error("cannot close", temp);
  if (ok && ::rename(temp.c_str(), target.c_str()) != 0) ok = false, *error = system_error("cannot replace", path);
  if (!ok) ::unlink(temp.c_str());
  return ok;
}

}  // namespace miglint::lint
