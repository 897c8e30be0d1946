// Connection settings and password redaction (see connection_settings.h).
#include "exec/connection_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <regex>

namespace miglint::exec {
namespace {

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 &&
        hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void add_secret(std::vector<std::string>& secrets, const std::string& s) {
  if (s.empty()) return;
  for (const std::string& v : {s, percent_decode(s)})
    if (std::find(secrets.begin(), secrets.end(), v) == secrets.end()) secrets.push_back(v);
}

// `password=value` in a URL query: the value's extent, found after '?' or '&'.
const std::regex& query_password() {
  static const std::regex re(R"(([?&]password=)([^&]*))", std::regex::icase);
  return re;
}

// `password = value` in a key=value conninfo, the value quoted or bare.
const std::regex& keyword_password() {
  static const std::regex re(R"((\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s']+))", std::regex::icase);
  return re;
}

bool is_url(std::string_view s) { return s.find("://") != std::string_view::npos; }

// What a URL's user part says: the password between the first ':' and the last '@' (and, when
// libpq would split at the first '@' instead, that reading too).
std::vector<std::string> url_passwords(std::string_view url) {
  std::vector<std::string> out;
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return out;
  std::string_view rest = url.substr(scheme + 3);
  for (std::size_t at : {rest.rfind('@'), rest.find('@')}) {
    if (at == std::string_view::npos) continue;
    std::string_view userinfo = rest.substr(0, at);
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos)
      add_secret(out, std::string(userinfo.substr(colon + 1)));
  }
  std::string text(url);
  for (std::sregex_iterator it(text.begin(), text.end(), query_password()), end; it != end; ++it)
    add_secret(out, (*it)[2].str());
  return out;
}

std::vector<std::string> keyword_passwords(const std::string& conninfo) {
  std::vector<std::string> out;
  for (std::sregex_iterator it(conninfo.begin(), conninfo.end(), keyword_password()), end; it != end; ++it) {
    std::string v = (*it)[2].str();
    add_secret(out, v);
    if (v.size() >= 2 && v.front() == '\'') {
      std::string unquoted;
      for (std::size_t i = 1; i + 1 < v.size(); ++i) {
        if (v[i] == '\\' && i + 2 < v.size()) ++i;
        unquoted += v[i];
      }
      add_secret(out, unquoted);
    }
  }
  return out;
}

}  // namespace

EnvLookup process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::string_view source_name(ConnectionSettings::Source source) {
  switch (source) {
    case ConnectionSettings::Source::DatabaseUrl: return "--database-url";
    case ConnectionSettings::Source::DbVariables: return "DB_* variables";
    case ConnectionSettings::Source::LibpqEnvironment: return "libpq environment";
  }
  return "";
}

std::string redact_url(std::string_view url) {
  std::string text(url);
  if (!is_url(url)) return std::regex_replace(text, keyword_password(), "$1***");
  std::size_t scheme = text.find("://");
  std::size_t at = text.rfind('@');
  if (at != std::string::npos && at > scheme) {
    std::size_t colon = text.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at)
      text = text.substr(0, colon + 1) + "***" + text.substr(at);
  }
  return std::regex_replace(text, query_password(), "$1***");
}

std::string scrub(std::string text, const std::vector<std::string>& secrets) {
  // Longest first, so a password is not half-replaced through a shorter reading of it.
  std::vector<std::string> sorted = secrets;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& s : sorted) {
    if (s.empty()) continue;
    for (std::size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 3))
      text.replace(pos, s.size(), "***");
  }
  return text;
}

std::string conninfo_value(std::string_view value) {
  bool plain = !value.empty();
  for (char c : value)
    if (c == ' ' || c == '\'' || c == '\\' || c == '\t' || c == '\n' || c == '\r') plain = false;
  if (plain) return std::string(value);
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

ConnectionSettings resolve_connection(const std::string& database_url, const EnvLookup& env) {
  ConnectionSettings out;
  if (!database_url.empty()) {
    out.source = ConnectionSettings::Source::DatabaseUrl;
    // SQLAlchemy's `postgresql+psycopg2://` names a driver libpq does not know about.
    static const std::regex driver(R"(^postgres(ql)?\+[A-Za-z0-9_]+://)");
    out.conninfo = std::regex_replace(database_url, driver, "postgresql://",
                                      std::regex_constants::format_first_only);
    out.display = redact_url(out.conninfo);
    out.secrets = is_url(out.conninfo) ? url_passwords(out.conninfo) : keyword_passwords(out.conninfo);
    return out;
  }

  static constexpr std::array<const char*, 5> kDb = {"DB_USER", "DB_PASSWORD", "DB_HOST", "DB_PORT", "DB_NAME"};
  std::array<std::optional<std::string>, 5> v;
  bool any = false;
  for (std::size_t i = 0; i < kDb.size(); ++i) {
    v[i] = env(kDb[i]);
    any |= v[i].has_value();
  }
  if (any) {
    out.source = ConnectionSettings::Source::DbVariables;
    std::string missing;
    for (std::size_t i = 0; i < kDb.size(); ++i)
      if (i != 1 && (!v[i] || v[i]->empty())) missing += (missing.empty() ? "" : ", ") + std::string(kDb[i]);
    if (!missing.empty()) {
      out.error = fmt::format("the DB_* variables are incomplete: {} not set", missing);
      return out;
    }
    const std::string &user = *v[0], &host = *v[2], &port = *v[3], &name = *v[4];
    out.conninfo = fmt::format("host={} port={} user={} dbname={}", conninfo_value(host),
                               conninfo_value(port), conninfo_value(user), conninfo_value(name));
    if (v[1] && !v[1]->empty()) {
      out.conninfo += " password=" + conninfo_value(*v[1]);
      add_secret(out.secrets, *v[1]);
    }
    out.display = fmt::format("{}@{}:{}/{}", user, host, port, name);
    return out;
  }

  out.source = ConnectionSettings::Source::LibpqEnvironment;
  if (auto p = env("PGPASSWORD")) add_secret(out.secrets, *p);
  return out;
}

}  // namespace miglint::exec
