// What every stage reports: a rule id, a severity, a place, a message, help and notes.
// Problems in user input are Diagnostics, never exceptions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"
#include "base/span.h"

namespace miglint {

enum class Severity { Off, Info, Warning, Error };

std::string_view severity_name(Severity s);            // "error", "warning", "info", "off"
std::optional<Severity> parse_severity(std::string_view name);

// A place in a file. `file` may be null for findings about the repository as a whole
// (configuration, a missing folder); then only `path` is shown.
struct Location {
  SourceFilePtr file;
  Span span;
  std::string path;  // used when file is null

  const std::string& raw_path() const { return file ? file->path() : path; }
  // The path as shown to people (relative to the working directory when below it).
  std::string display_path() const;
};

// A secondary place or remark ("the other head is here").
struct Note {
  std::string message;
  std::optional<Location> location;
};

// A textual edit; a Fix is a titled set of them.
struct Edit {
  Span span;
  std::string replacement;
};
struct Fix {
  std::string title;
  bool safe = true;
  std::vector<Edit> edits;
};

struct Diagnostic {
  std::string rule;  // kebab-case rule id
  Severity severity = Severity::Error;
  Location location;
  std::string message;  // sentence case, no trailing period
  std::string help;     // the remedy; may span several lines
  std::vector<Note> notes;
  std::optional<Fix> fix;
  // The op call (or SQL string literal) the finding came from, when that is wider than
  // `location`: a `# miglint: ignore[...]` comment on the call's first line, or on the line
  // before it, also suppresses the finding (a comment cannot sit inside a triple-quoted SQL
  // string). Empty when the finding has no such origin.
  std::optional<Span> origin;
};

// Sort key: path, then offset, then rule id, so output is stable whatever the order of work.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

}  // namespace miglint
