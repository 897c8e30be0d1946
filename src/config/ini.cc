// Parsing half of the configparser-compatible reader; see ini.h. The algorithm follows
// RawConfigParser._read in CPython 3.11 line by line, so its quirks are kept on purpose.
#include "config/ini.h"

#include <fmt/format.h>

#include <set>

#include "config/py_text.h"

namespace miglint::config {

std::string_view ini_error_kind_name(IniErrorKind kind) {
  switch (kind) {
    case IniErrorKind::Decode: return "UnicodeDecodeError";
    case IniErrorKind::MissingSectionHeader: return "MissingSectionHeaderError";
    case IniErrorKind::DuplicateSection: return "DuplicateSectionError";
    case IniErrorKind::DuplicateOption: return "DuplicateOptionError";
    case IniErrorKind::Parsing: return "ParsingError";
    case IniErrorKind::InterpolationSyntax: return "InterpolationSyntaxError";
    case IniErrorKind::InterpolationMissingOption: return "InterpolationMissingOptionError";
    case IniErrorKind::InterpolationDepth: return "InterpolationDepthError";
  }
  return "Error";
}

const IniOption* IniSection::find(std::string_view key) const {
  for (const auto& o : options) {
    if (o.name == key) return &o;
  }
  return nullptr;
}

IniOption* IniSection::find(std::string_view key) {
  for (auto& o : options) {
    if (o.name == key) return &o;
  }
  return nullptr;
}

class IniParser {
 public:
  explicit IniParser(IniFile& f) : f_(f), text_(f.file_->text()) {}  // only called with a file

  void run() {
    check_encoding();
    uint32_t lineno = 0;
    size_t pos = 0;
    while (pos < text_.size()) {
      // Python's text mode splits on \n, \r\n and \r only.
      size_t end = pos;
      while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
      size_t next = end;
      if (next < text_.size()) next += (text_[next] == '\r' && next + 1 < text_.size() && text_[next + 1] == '\n') ? 2 : 1;
      line(++lineno, pos, end);
      pos = next;
    }
    finish();
  }

 private:
  static constexpr int kNone = -1, kDefaults = -2;

  IniSection& sect(int index) { return index == kDefaults ? f_.defaults_ : f_.sections_[index]; }

  void error(IniErrorKind kind, uint32_t lineno, size_t begin, size_t end, std::string message) {
    f_.errors_.push_back({kind, lineno, {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)},
                          std::move(message)});
  }

  void check_encoding() {
    for (size_t i = 0; i < text_.size();) {
      size_t start = i;
      bool invalid = false;
      decode_utf8(text_, i, &invalid);
      if (invalid) {
        uint32_t line = f_.file_->line_col(static_cast<uint32_t>(start)).line;
        error(IniErrorKind::Decode, line, start, start + 1,
              fmt::format("The file is not valid UTF-8 (byte 0x{:02x} at offset {})",
                          static_cast<unsigned char>(text_[start]), start));
        return;  // Python stops at the first bad byte; one report is enough
      }
    }
  }

  void line(uint32_t lineno, size_t begin, size_t end) {
    size_t first, last;
    py_strip_range(text_, begin, end, first, last);
    bool comment = first < last && (text_[first] == '#' || text_[first] == ';');
    if (first == last || comment) {
      // Empty lines belong to the value being read (joined with '\n' later, trailing ones
      // dropped); comment lines are skipped without ending it.
      if (!comment && cursect_ != kNone && optname_ && !optname_->empty()) {
        if (auto* lines = current_lines()) lines->emplace_back();
      }
      return;
    }
    std::string_view value(text_.data() + first, last - first);
    size_t indent = count_code_points(text_, begin, first);
    if (cursect_ != kNone && optname_ && !optname_->empty() && indent > indent_level_) {
      if (auto* lines = current_lines()) {
        lines->emplace_back(value);
        if (auto* opt = sect(cursect_).find(*optname_)) opt->value_span.end = static_cast<uint32_t>(last);
      }
      return;
    }
    indent_level_ = indent;
    // SECTCRE is `\[(?P<header>.+)\]` matched at the start: the header runs to the last ']'.
    size_t close = value.rfind(']');
    if (value.front() == '[' && close != std::string_view::npos && close >= 2) {
      section_header(lineno, first, last, std::string(value.substr(1, close - 1)));
      return;
    }
    if (cursect_ == kNone) {
      if (!reported_missing_header_) {
        error(IniErrorKind::MissingSectionHeader, lineno, first, last,
              fmt::format("File contains no section headers: line {} is {} before any [section]",
                          lineno, py_repr(value)));
      }
      reported_missing_header_ = true;
      return;
    }
    option(lineno, first, last, value);
  }

  void section_header(uint32_t lineno, size_t first, size_t last, std::string name) {
    Span span{static_cast<uint32_t>(first), static_cast<uint32_t>(last)};
    int found = kNone;
    for (size_t i = 0; i < f_.sections_.size(); ++i) {
      if (f_.sections_[i].name == name) found = static_cast<int>(i);
    }
    if (found != kNone) {
      if (added_sections_.count(name)) {
        error(IniErrorKind::DuplicateSection, lineno, first, last,
              fmt::format("Section {} already exists (first defined at line {})", py_repr(name),
                          f_.sections_[found].line));
      }
      cursect_ = found;
    } else if (name == "DEFAULT") {
      cursect_ = kDefaults;
    } else {
      f_.sections_.push_back({name, lineno, span, {}});
      cursect_ = static_cast<int>(f_.sections_.size() - 1);
    }
    if (name != "DEFAULT") added_sections_.insert(name);
    sectname_ = std::move(name);
    optname_.reset();
  }

  void option(uint32_t lineno, size_t first, size_t last, std::string_view value) {
    // OPTCRE: the option is everything before the first '=' or ':'.
    size_t delim = value.find_first_of("=:");
    if (delim == std::string_view::npos) {
      error(IniErrorKind::Parsing, lineno, first, last,
            fmt::format("Line {} is neither a [section], a `key = value` option nor a continuation "
                        "line: {}", lineno, py_repr(value)));
      return;
    }
    std::string_view raw_name = py_rstrip(value.substr(0, delim));
    std::string_view raw_value = py_strip(value.substr(delim + 1));
    if (raw_name.empty()) {
      error(IniErrorKind::Parsing, lineno, first, last,
            fmt::format("Line {} has a value but no option name: {}", lineno, py_repr(value)));
    }
    std::string name = py_lower(raw_name);
    if (!added_options_.insert({sectname_, name}).second) {
      const IniOption* previous = sect(cursect_).find(name);
      error(IniErrorKind::DuplicateOption, lineno, first, first + raw_name.size(),
            fmt::format("Option {} in section {} already exists (first set at line {})",
                        py_repr(name), py_repr(sectname_), previous ? previous->line : 0));
    }
    size_t value_begin = raw_value.empty() ? last : static_cast<size_t>(raw_value.data() - text_.data());
    IniOption opt{name, "", lineno,
                  {static_cast<uint32_t>(first), static_cast<uint32_t>(first + raw_name.size())},
                  {static_cast<uint32_t>(value_begin), static_cast<uint32_t>(last)}};
    IniSection& s = sect(cursect_);
    if (IniOption* existing = s.find(name)) {
      *existing = opt;  // later assignments win, as in configparser's dict
    } else {
      s.options.push_back(opt);
    }
    lines_[{cursect_, name}] = {std::string(raw_value)};
    optname_ = name;
  }

  std::vector<std::string>* current_lines() {
    auto it = lines_.find({cursect_, *optname_});
    return it == lines_.end() ? nullptr : &it->second;
  }

  void finish() {
    // _join_multiline_values: '\n'.join(lines).rstrip()
    for (auto& [key, lines] : lines_) {
      std::string joined;
      for (size_t i = 0; i < lines.size(); ++i) {
        if (i) joined += '\n';
        joined += lines[i];
      }
      if (IniOption* opt = sect(key.first).find(key.second)) opt->value = std::string(py_rstrip(joined));
    }
  }

  IniFile& f_;
  const std::string& text_;
  int cursect_ = kNone;
  std::string sectname_;
  std::optional<std::string> optname_;
  size_t indent_level_ = 0;
  bool reported_missing_header_ = false;
  std::set<std::string> added_sections_;
  std::set<std::pair<std::string, std::string>> added_options_;
  std::map<std::pair<int, std::string>, std::vector<std::string>> lines_;
};

IniFile IniFile::parse(SourceFilePtr file, const std::map<std::string, std::string>& defaults) {
  IniFile f;
  f.file_ = std::move(file);
  f.defaults_.name = "DEFAULT";
  for (const auto& [key, value] : defaults) {
    f.defaults_.options.push_back({py_lower(key), value, 0, {}, {}});
  }
  if (f.file_) IniParser(f).run();
  return f;
}

const IniSection* IniFile::section(std::string_view name) const {
  if (name == "DEFAULT") return &defaults_;
  for (const auto& s : sections_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool IniFile::has_section(std::string_view name) const {
  return name != "DEFAULT" && section(name) != nullptr;
}

const IniOption* IniFile::find(std::string_view section_name, std::string_view key) const {
  std::string k = py_lower(key);
  if (section_name != "DEFAULT") {
    const IniSection* s = section(section_name);
    if (!s) return nullptr;
    if (const IniOption* o = s->find(k)) return o;
  }
  return defaults_.find(k);
}

Diagnostic IniFile::to_diagnostic(const IniError& error) const {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = Severity::Error;
  d.location.file = file_;
  d.location.span = error.span;
  if (file_) d.location.path = file_->path();
  d.message = error.message;
  switch (error.kind) {
    case IniErrorKind::Decode: d.help = "Save the file as UTF-8"; break;
    case IniErrorKind::MissingSectionHeader: d.help = "Start the file with a section header such as [alembic]"; break;
    case IniErrorKind::DuplicateSection: d.help = "Merge the two sections; configparser (strict) refuses to read the file"; break;
    case IniErrorKind::DuplicateOption: d.help = "Remove one of the two; configparser (strict) refuses to read the file"; break;
    case IniErrorKind::Parsing: d.help = "Continuation lines must be indented deeper than the option they continue"; break;
    case IniErrorKind::InterpolationSyntax: d.help = "Write a literal % as %%, and references as %(name)s"; break;
    case IniErrorKind::InterpolationMissingOption: d.help = "Define the option in this section or in [DEFAULT], or write a literal % as %%"; break;
    case IniErrorKind::InterpolationDepth: d.help = "Values may refer to each other at most 10 levels deep; look for a reference cycle"; break;
  }
  d.notes.push_back({fmt::format("Python's configparser raises {} here", ini_error_kind_name(error.kind)), std::nullopt});
  return d;
}

}  // namespace miglint::config
