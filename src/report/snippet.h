// Source snippets with carets under a span, shared by the text renderer and `--fix` previews.
#pragma once

#include <string>

#include "base/source_file.h"
#include "base/span.h"
#include "report/style.h"

namespace miglint::report {

// Renders the lines a span touches (at most a few), a gutter with line numbers, and carets under
// the spanned characters, e.g.
//    |
// 12 | down_revision = "abc"
//    |                 ^^^^^ label
std::string render_snippet(const SourceFile& file, Span span, const Style& style,
                           Severity severity = Severity::Error, const std::string& label = {});

}  // namespace miglint::report
