// MD5 (RFC 1321) for SQLAlchemy's name truncation, and name validation.
#include "alembic/lower_names.h"

#include <array>
#include <cstdint>
#include <fmt/format.h>

namespace miglint::alembic::lower {

std::string md5_hex(std::string_view data) {
  static constexpr std::array<uint32_t, 64> k = [] {
    std::array<uint32_t, 64> t{};
    const uint32_t v[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391};
    for (int i = 0; i < 64; ++i) t[i] = v[i];
    return t;
  }();
  static constexpr int r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  std::string msg(data);
  uint64_t bits = static_cast<uint64_t>(msg.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 0; i < 8; ++i) msg += static_cast<char>((bits >> (8 * i)) & 0xff);
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  auto rotl = [](uint32_t x, int c) { return (x << c) | (x >> (32 - c)); };
  for (size_t off = 0; off < msg.size(); off += 64) {
    uint32_t w[16];
    for (int i = 0; i < 16; ++i) {
      w[i] = 0;
      for (int b = 0; b < 4; ++b)
        w[i] |= static_cast<uint32_t>(static_cast<unsigned char>(msg[off + 4 * i + b])) << (8 * b);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f;
      int g;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      uint32_t tmp = d;
      d = c;
      c = b;
      b = b + rotl(a + f + k[i] + w[g], r[i]);
      a = tmp;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  }
  std::string out;
  for (uint32_t x : h)
    for (int i = 0; i < 4; ++i) out += fmt::format("{:02x}", (x >> (8 * i)) & 0xff);
  return out;
}

std::string truncate_label(const std::string& name) {
  if (name.size() <= kMaxIdentifierLength) return name;
  return name.substr(0, kMaxIdentifierLength - 8) + "_" + md5_hex(name).substr(28);
}

std::optional<std::string> object_name(Ctx& ctx, const Value* v) {
  if (is_none(v)) return std::nullopt;
  auto s = as_name(v);
  if (!s) {
    ctx.fail(v, "the name is not a string known statically");
    return std::nullopt;
  }
  if (v->kind != ValueKind::Str) return truncate_label(*s);  // op.f() / conv()
  if (s->size() > kMaxIdentifierLength)
    ctx.fail(v, fmt::format("identifier exceeds maximum length of {} characters (SQLAlchemy "
                            "raises IdentifierError)", kMaxIdentifierLength));
  return s;
}

}  // namespace miglint::alembic::lower
