#include "base/source_file.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstring>

namespace miglint {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  // Python and Alembic accept \n, \r\n and a lone \r as line ends; so do we.
  for (size_t i = 0; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\r') {
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (c == '\n') {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

std::string_view SourceFile::slice(Span span) const {
  uint32_t begin = std::min<uint32_t>(span.begin, text_.size());
  uint32_t end = std::min<uint32_t>(std::max(span.end, begin), text_.size());
  return std::string_view(text_).substr(begin, end - begin);
}

LineCol SourceFile::line_col(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());  // 1-based
  return {line, offset - line_starts_[line - 1] + 1};
}

LineCol SourceFile::line_col_chars(uint32_t offset) const {
  LineCol lc = line_col(offset);
  uint32_t start = line_starts_[lc.line - 1];
  // A UTF-8 byte-order mark is not a character of line 1: editors do not show it and CPython's
  // columns do not count it.
  if (lc.line == 1 && offset >= 3 && text_.starts_with("\xEF\xBB\xBF")) start = 3;
  uint32_t end = line_starts_[lc.line - 1] + lc.column - 1;  // `offset`, clamped to the text
  uint32_t chars = 0;
  for (uint32_t i = start; i < end && i < text_.size(); ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;  // skip continuation bytes
  }
  return {lc.line, chars + 1};
}

uint32_t SourceFile::line_start(uint32_t line) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return static_cast<uint32_t>(text_.size());
  return line_starts_[line - 1];
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

SourceFilePtr read_source_file(const std::string& path, std::string* error, std::string name) {
  // open + fstat + one read of the known size: revision files are small and many, so the
  // syscalls per file matter more than anything else here.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd);
    if (error) *error = std::strerror(err);
    return nullptr;
  }
  std::string text;
  text.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t have = 0;
  for (;;) {
    if (have == text.size()) text.resize(have + (have < 4096 ? 4096 : have));  // grew, or a pipe
    ssize_t n = ::read(fd, text.data() + have, text.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      if (error) *error = std::strerror(err);
      return nullptr;
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
    if (st.st_size > 0 && have == static_cast<size_t>(st.st_size)) break;  // the common case: one read
  }
  ::close(fd);
  text.resize(have);
  return std::make_shared<SourceFile>(name.empty() ? path : std::move(name), std::move(text));
}

}  // namespace miglint
