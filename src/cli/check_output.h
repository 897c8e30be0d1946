// `miglint check`'s output formats, --summary and --fail-on: the part of `check` that turns the
// final findings into text and an exit code (docs/output.md).
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "cli/check.h"
#include "report/render.h"

namespace miglint::cli {

// The findings in `options.format` (text, concise, json, sarif, github, gitlab, junit).
std::string render_findings(const CheckOptions& options, const report::Summary& summary,
                            const std::vector<Diagnostic>& found);

// --summary FILE: appends the Markdown job summary (as $GITHUB_STEP_SUMMARY expects). False,
// with a message on stderr, when the file cannot be written.
bool write_summary(const CheckOptions& options, const report::Summary& summary, const std::vector<Diagnostic>& found);

// Whether a finding at or above --fail-on remains (--exit-zero is --fail-on never).
bool fails(const CheckOptions& options, const std::vector<Diagnostic>& found);

// Whether `url` is an absolute URI (a scheme, then ':'), as --docs-url needs.
bool absolute_uri(const std::string& url);

}  // namespace miglint::cli
