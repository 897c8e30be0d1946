// MD5 (RFC 1321), only for finding fingerprints: GitLab Code Quality documents an MD5 hex digest,
// and a fingerprint needs stability, not collision resistance.
#pragma once

#include <string>
#include <string_view>

namespace miglint::report {

// Lowercase hex digest of `data`.
std::string md5_hex(std::string_view data);

}  // namespace miglint::report
