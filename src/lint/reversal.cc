#include "lint/reversal.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace miglint::lint {
namespace {

bool is_child(ObjectKind k) {
  return k == ObjectKind::Column || k == ObjectKind::Constraint || k == ObjectKind::EnumValue;
}

// The schema an object lives in, from its (or its table's) name after the upgrade.
std::string schema_after(const SchemaChanges& up, const SchemaObject& o) {
  const SchemaObject* top = &o;
  while (top->parent >= 0 && is_child(top->kind)) top = up.parent(*top);
  if (top->kind == ObjectKind::Schema || top->kind == ObjectKind::Extension) return {};
  size_t dot = top->name.rfind('.');
  return dot == std::string::npos ? std::string() : top->name.substr(0, dot);
}

const SchemaObject* dropped_before(const SchemaChanges& down, std::string_view id) {
  if (id.empty()) return nullptr;
  for (const auto& o : down.objects())
    if (o.dropped && down.before_id(o) == id) return &o;
  return nullptr;
}

// Whether `o` (a downgrade object) and `x` (an upgrade object) are of one kind and, for
// columns, constraints and enum values, belong to the same table or type (`x`'s container
// named as `up` leaves it, which is how the downgrade finds it).
bool same_place(const SchemaChanges& down, const SchemaObject& o, const SchemaChanges& up, const SchemaObject& x,
                bool x_after, bool o_after) {
  if (o.kind != x.kind) return false;
  if (!is_child(x.kind)) return true;
  const SchemaObject* xp = up.parent(x);
  const SchemaObject* op = down.parent(o);
  if (!xp || !op) return false;
  const std::string& xn = x_after ? xp->name : xp->start_name;
  const std::string& on = o_after ? op->name : op->start_name;
  return !xn.empty() && xn == on;
}

// Edit distance, to tell a misspelt name ("ix_account_email" for "ix_accounts_email") from
// another object's.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool similar(std::string_view a, std::string_view b) {
  // Compared without schemas: "carts" for "shop.carts" is the same name in the wrong schema.
  a = a.substr(a.rfind('.') == std::string_view::npos ? 0 : a.rfind('.') + 1);
  b = b.substr(b.rfind('.') == std::string_view::npos ? 0 : b.rfind('.') + 1);
  return edit_distance(a, b) <= std::max<std::size_t>(2, std::min(a.size(), b.size()) / 3);
}

}  // namespace

const SchemaObject* find_before(const SchemaChanges& down, std::string_view id) {
  if (id.empty()) return nullptr;
  for (const auto& o : down.objects())
    if (down.before_id(o) == id) return &o;
  return nullptr;
}

const SchemaObject* creation_in(const SchemaChanges& down, std::string_view id) {
  if (id.empty()) return nullptr;
  for (const auto& o : down.objects())
    if (o.created && down.after_id(o) == id) return &o;
  return nullptr;
}

std::optional<Removal> removal_in(const SchemaChanges& up, const SchemaObject& x, const SchemaChanges& down) {
  if (const SchemaObject* o = dropped_before(down, up.after_id(x))) return Removal{*o->dropped, o, true};
  if (const SchemaObject* p = up.parent(x)) {
    // The table of a column, constraint or index (or the type of an enum value).
    if (const SchemaObject* o = dropped_before(down, up.after_id(*p))) return Removal{*o->dropped, o, false};
    // An index or constraint goes with any column it is built on.
    if (x.kind == ObjectKind::Index || x.kind == ObjectKind::Constraint) {
      for (const auto& c : x.columns)
        if (const SchemaObject* o = dropped_before(down, SchemaChanges::id(ObjectKind::Column, p->name, c)))
          return Removal{*o->dropped, o, false};
    }
  }
  if (std::string schema = schema_after(up, x); !schema.empty()) {
    const SchemaObject* o = dropped_before(down, SchemaChanges::id(ObjectKind::Schema, {}, schema));
    if (o && o->cascade) return Removal{*o->dropped, o, false};
  }
  return std::nullopt;
}

std::vector<const SchemaObject*> enum_columns(const SchemaChanges& up, const SchemaObject& type) {
  std::vector<const SchemaObject*> out;
  if (type.kind != ObjectKind::EnumType || !type.created || !type.exists_after()) return out;
  for (const auto& o : up.objects())
    if (o.kind == ObjectKind::Column && o.created && o.exists_after() && o.type == type.name) out.push_back(&o);
  return out;
}

std::vector<ReversalGap> find_reversal_gaps(const SchemaChanges& up, const SchemaChanges& down) {
  std::vector<ReversalGap> gaps;
  // Names the upgrade accounts for, so a related downgrade statement is one about another object.
  std::set<std::string> up_after, up_before;
  for (const auto& o : up.objects()) {
    if (auto a = up.after_id(o); !a.empty()) up_after.insert(a);
    if (auto b = up.before_id(o); !b.empty()) up_before.insert(b);
  }
  auto add = [&](GapKind kind, const SchemaObject& x, std::size_t at, const SchemaObject* related,
                 std::optional<std::size_t> related_at, std::string action) {
    ReversalGap g{kind, &x, at, std::nullopt, {}};
    if (related && related_at) {
      g.downgrade_statement = related_at;
      g.downgrade_action = std::move(action);
    }
    gaps.push_back(std::move(g));
  };
  // The downgrade object of x's kind and place, with a similar name (a typo rather than
  // another object), that `pick` accepts; the most similar one.
  auto related = [&](const SchemaObject& x, bool x_after, bool o_after, auto pick) -> const SchemaObject* {
    const std::string& name = x_after ? x.name : x.start_name;
    const SchemaObject* best = nullptr;
    std::size_t best_distance = 0;
    for (const auto& o : down.objects()) {
      const std::string& other = o_after ? o.name : o.start_name;
      if (!same_place(down, o, up, x, x_after, o_after) || !pick(o) || !similar(name, other)) continue;
      std::size_t d = edit_distance(name, other) + (name == other ? 0 : 1);
      if (!best || d < best_distance) best = &o, best_distance = d;
    }
    return best;
  };

  for (const auto& x : up.objects()) {
    const SchemaObject* parent = up.parent(x);
    const bool parent_new = parent && !parent->existed_before();
    const bool parent_dropped = parent && !parent->exists_after();

    // Created by the upgrade and still there after it.
    if (x.created && x.exists_after()) {
      if (x.if_not_exists) continue;
      // Part of a table (or type) the upgrade creates: it goes when that does.
      if (parent_new && (is_child(x.kind) || x.kind == ObjectKind::Index)) continue;
      if (x.kind == ObjectKind::EnumType && !enum_columns(up, x).empty()) continue;  // enum-type-leak's
      if (x.kind == ObjectKind::EnumValue) {
        const SchemaObject* type = parent;
        if (!type) continue;
        const SchemaObject* t = find_before(down, up.after_id(*type));
        if (removal_in(up, *type, down) || (t && t->renamed)) continue;
        add(GapKind::EnumValueStays, x, *x.created, nullptr, std::nullopt, {});
        continue;
      }
      if (removal_in(up, x, down)) continue;
      if (x.or_replace) {
        const SchemaObject* v = creation_in(down, up.after_id(x));
        if (v) continue;  // redefined to what it was
      }
      const SchemaObject* r = related(x, true, false, [&](const SchemaObject& o) {
        return o.dropped && !o.dropped_with_container && !up_after.count(down.before_id(o));
      });
      add(GapKind::NotDropped, x, *x.created, r, r ? r->dropped : std::nullopt,
          r ? fmt::format("drops {} instead", down.describe(*r, false)) : std::string());
      continue;
    }
    if (!x.existed_before()) continue;

    // Dropped by the upgrade (itself, not with its table, which is reported instead).
    if (x.dropped) {
      if (x.dropped_with_container || parent_dropped) continue;
      if (creation_in(down, up.before_id(x))) continue;
      const SchemaObject* r = related(x, false, true, [&](const SchemaObject& o) {
        return o.created && o.exists_after() && !up_before.count(down.after_id(o));
      });
      add(GapKind::NotRecreated, x, *x.dropped, r, r ? r->created : std::nullopt,
          r ? fmt::format("creates {} instead", down.describe(*r, true)) : std::string());
      continue;
    }

    const std::string before = up.before_id(x), after = up.after_id(x);
    const SchemaObject* back = find_before(down, after);
    const bool recreated = creation_in(down, before) != nullptr;

    if (x.renamed && before != after && !recreated) {
      bool renamed_back = back && back->exists_after() && down.after_id(*back) == before;
      if (!renamed_back) {
        const SchemaObject* r = back && back->renamed ? back : related(x, true, false, [&](const SchemaObject& o) {
          return o.existed_before() && o.renamed && o.exists_after() && !up_after.count(down.before_id(o));
        });
        add(GapKind::NotRenamedBack, x, *x.renamed, r, r ? r->renamed : std::nullopt,
            r ? fmt::format("renames {} to {} instead", down.describe(*r, false), quote_name(r->kind, r->name)) : std::string());
      }
    }

    if (x.kind != ObjectKind::Column || recreated) continue;
    const bool back_live = back && back->exists_after();
    if (x.type_change) {
      const auto* y = back_live && back->type_change ? &*back->type_change : nullptr;
      if (!y) {
        add(GapKind::TypeNotRestored, x, x.type_change->at, nullptr, std::nullopt, {});
      } else if (y->type.str() == x.type_change->type.str()) {
        add(GapKind::TypeNotRestored, x, x.type_change->at, back, y->at,
            fmt::format("changes its type to {} again", y->type.str()));
      }
    }
    if (x.not_null && x.not_null->net()) {
      const auto* y = back_live && back->not_null && back->not_null->net() ? &*back->not_null : nullptr;
      if (!y || y->value == x.not_null->value)
        add(GapKind::NotNullNotRestored, x, x.not_null->last_at, y ? back : nullptr,
            y ? std::optional<std::size_t>(y->last_at) : std::nullopt,
            fmt::format("makes it {} again", x.not_null->value ? "NOT NULL" : "nullable"));
    }
    if (x.default_value && x.default_value->net()) {
      const auto* y = back_live && back->default_value && back->default_value->net() ? &*back->default_value : nullptr;
      // A default set by the upgrade must be dropped or set to something else; a default it
      // drops must be set again.
      bool restored = y && (x.default_value->value ? (!y->value || y->text != x.default_value->text) : y->value);
      if (!restored)
        add(GapKind::DefaultNotRestored, x, x.default_value->last_at, y ? back : nullptr,
            y ? std::optional<std::size_t>(y->last_at) : std::nullopt,
            y && y->value ? fmt::format("sets the same default {} again", y->text) : "drops the default again");
    }
  }
  return gaps;
}

}  // namespace miglint::lint
