// An .ini reader with the semantics of Python's configparser.ConfigParser as Alembic 1.8
// constructs it: ConfigParser({"here": <ini folder>}), strict=True, BasicInterpolation,
// '=' and ':' delimiters, '#' and ';' full-line comments, no inline comments.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace miglint::config {

// The configparser exception each problem corresponds to (tests compare these with Python).
enum class IniErrorKind {
  Decode,                      // UnicodeDecodeError: the file is not UTF-8
  MissingSectionHeader,        // MissingSectionHeaderError
  DuplicateSection,            // DuplicateSectionError
  DuplicateOption,             // DuplicateOptionError
  Parsing,                     // ParsingError (one per bad line)
  InterpolationSyntax,         // InterpolationSyntaxError
  InterpolationMissingOption,  // InterpolationMissingOptionError
  InterpolationDepth,          // InterpolationDepthError
};
std::string_view ini_error_kind_name(IniErrorKind kind);  // the Python class name

struct IniError {
  IniErrorKind kind;
  uint32_t line = 0;  // 1-based; 0 when not tied to a line (a default passed by the caller)
  Span span;
  std::string message;
};

struct IniOption {
  std::string name;     // after optionxform (lower-cased)
  std::string value;    // raw: continuation lines joined with '\n', right-stripped
  uint32_t line = 0;    // 0 for defaults passed by the caller
  Span name_span;
  Span value_span;      // from the first value character to the end of the last continuation
};

struct IniSection {
  std::string name;  // case-sensitive, as written between the brackets
  uint32_t line = 0;
  Span header_span;
  std::vector<IniOption> options;  // in order of first appearance

  const IniOption* find(std::string_view name) const;
  IniOption* find(std::string_view name);
};

class IniFile {
 public:
  // Parses `file` (never throws). `defaults` seed the DEFAULT section the way ConfigParser's
  // constructor argument does (keys lower-cased, values raw).
  static IniFile parse(SourceFilePtr file, const std::map<std::string, std::string>& defaults);

  const std::vector<IniError>& errors() const { return errors_; }
  const std::vector<IniSection>& sections() const { return sections_; }  // without DEFAULT
  const IniSection& defaults() const { return defaults_; }
  const IniSection* section(std::string_view name) const;  // "DEFAULT" gives defaults()
  const SourceFilePtr& file() const { return file_; }

  bool has_section(std::string_view name) const;  // as configparser: DEFAULT is not a section
  // The option as configparser's get() sees it: the section's own, else DEFAULT's.
  const IniOption* find(std::string_view section, std::string_view key) const;
  // Value after BasicInterpolation; nullopt when absent (error unset) or on an interpolation
  // error (error set).
  std::optional<std::string> get(std::string_view section, std::string_view key,
                                 std::optional<IniError>* error) const;

  // Converts an error into a `config-error` diagnostic located in this file.
  Diagnostic to_diagnostic(const IniError& error) const;

 private:
  SourceFilePtr file_;
  std::vector<IniSection> sections_;
  IniSection defaults_;
  std::vector<IniError> errors_;

  friend class IniParser;
};

}  // namespace miglint::config
