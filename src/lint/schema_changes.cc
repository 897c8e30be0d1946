#include "lint/schema_changes.h"

#include <algorithm>

#include <fmt/format.h>

#include "lint/migration.h"
#include "sql/alter_table.h"
#include "sql/database_objects.h"
#include "sql/ddl.h"

namespace miglint::lint {
namespace {

// Objects whose names can clash: PostgreSQL keeps relations in one namespace per schema
// (an index and a table cannot share a name), types and domains in another.
enum class Namespace { Relation, Type, Column, Constraint, Value, Extension, Schema };

Namespace namespace_of(ObjectKind k) {
  switch (k) {
    case ObjectKind::Table:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::Sequence:
    case ObjectKind::Index: return Namespace::Relation;
    case ObjectKind::Column: return Namespace::Column;
    case ObjectKind::Constraint: return Namespace::Constraint;
    case ObjectKind::EnumType:
    case ObjectKind::Domain: return Namespace::Type;
    case ObjectKind::EnumValue: return Namespace::Value;
    case ObjectKind::Extension: return Namespace::Extension;
    case ObjectKind::Schema: return Namespace::Schema;
  }
  return Namespace::Relation;
}

// Namespaces whose names are only unique within a parent (a table's columns).
bool parent_scoped(Namespace n) {
  return n == Namespace::Column || n == Namespace::Constraint || n == Namespace::Value;
}

// The relation kinds a DROP, RENAME or ALTER names.
std::optional<ObjectKind> relation_kind(sql::ObjectType t) {
  switch (t) {
    case sql::ObjectType::Table:
    case sql::ObjectType::ForeignTable: return ObjectKind::Table;
    case sql::ObjectType::View: return ObjectKind::View;
    case sql::ObjectType::MatView: return ObjectKind::MaterializedView;
    case sql::ObjectType::Sequence: return ObjectKind::Sequence;
    case sql::ObjectType::Index: return ObjectKind::Index;
    default: return std::nullopt;
  }
}

// Constraints a name can later be dropped or renamed by (NOT NULL and DEFAULT are column
// properties, not catalog constraints, in PostgreSQL 15).
bool is_catalog_constraint(const sql::ConstraintDef& c) {
  using T = sql::ConstraintType;
  return !c.name.empty() && (c.type == T::PrimaryKey || c.type == T::Unique || c.type == T::Check ||
                             c.type == T::ForeignKey || c.type == T::Exclusion);
}

// "s" for "s.t", "" for "t".
std::string schema_part(const std::string& key) {
  size_t dot = key.rfind('.');
  return dot == std::string::npos ? std::string() : key.substr(0, dot);
}

std::string default_text(const sql::Expr& e) {
  switch (e.kind) {
    case sql::ExprKind::None: return {};
    case sql::ExprKind::Constant: return e.is_null ? "NULL" : "'" + e.constant + "'";
    case sql::ExprKind::FunctionCall: return e.function + "()";
    case sql::ExprKind::Other: return "an expression";
  }
  return {};
}

void record_flag(std::optional<ColumnFlagChange>& slot, std::size_t at, bool value, std::string text) {
  if (!slot) slot = ColumnFlagChange{at, at, value, value, {}};
  slot->last_at = at;
  slot->value = value;
  slot->text = std::move(text);
}

}  // namespace

std::string_view object_kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::Table: return "table";
    case ObjectKind::View: return "view";
    case ObjectKind::MaterializedView: return "materialized view";
    case ObjectKind::Sequence: return "sequence";
    case ObjectKind::Index: return "index";
    case ObjectKind::Column: return "column";
    case ObjectKind::Constraint: return "constraint";
    case ObjectKind::EnumType: return "type";
    case ObjectKind::Domain: return "domain";
    case ObjectKind::EnumValue: return "enum value";
    case ObjectKind::Extension: return "extension";
    case ObjectKind::Schema: return "schema";
  }
  return "object";
}

std::string quote_name(ObjectKind kind, std::string_view name) {
  return kind == ObjectKind::EnumValue ? fmt::format("'{}'", name) : fmt::format("\"{}\"", name);
}

std::string type_key(const sql::TypeRef& type) {
  const auto& n = type.names;
  if (n.empty()) return {};
  if (n.size() == 1 || n[n.size() - 2] == "pg_catalog") return n.back();
  return relation_key(sql::QualifiedName{n[n.size() - 2], n.back()});
}

SchemaChanges::SchemaChanges(const std::vector<const sql::Statement*>& statements) {
  for (std::size_t i = 0; i < statements.size(); ++i) apply(*statements[i], i);
}

SchemaChanges::SchemaChanges(const Migration& migration) {
  for (const auto& s : migration.statements()) apply(s.statement(), s.index);
}

const SchemaObject* SchemaChanges::parent(const SchemaObject& o) const {
  return o.parent >= 0 ? &objects_[static_cast<std::size_t>(o.parent)] : nullptr;
}

std::string SchemaChanges::id(ObjectKind kind, std::string_view container, std::string_view name) {
  switch (namespace_of(kind)) {
    case Namespace::Relation: return fmt::format("relation:{}", name);
    case Namespace::Type: return fmt::format("type:{}", name);
    case Namespace::Column: return fmt::format("column:{}.{}", container, name);
    case Namespace::Constraint: return fmt::format("constraint:{}.{}", container, name);
    case Namespace::Value: return fmt::format("value:{}.{}", container, name);
    case Namespace::Extension: return fmt::format("extension:{}", name);
    case Namespace::Schema: return fmt::format("schema:{}", name);
  }
  return {};
}

std::string SchemaChanges::before_id(const SchemaObject& o) const {
  if (!o.existed_before()) return {};
  std::string container;
  if (parent_scoped(namespace_of(o.kind))) {
    const SchemaObject* p = parent(o);
    if (!p || !p->existed_before()) return {};
    container = p->start_name;
  }
  return id(o.kind, container, o.start_name);
}

std::string SchemaChanges::after_id(const SchemaObject& o) const {
  if (!o.exists_after()) return {};
  std::string container;
  if (parent_scoped(namespace_of(o.kind))) {
    const SchemaObject* p = parent(o);
    if (!p) return {};
    container = p->name;
  }
  return id(o.kind, container, o.name);
}

std::string SchemaChanges::name_of(const SchemaObject& o, bool after) const {
  if (after || o.start_name.empty()) return o.name;
  return o.start_name;
}

std::string SchemaChanges::describe(const SchemaObject& o, bool after) const {
  const SchemaObject* p = parent(o);
  std::string name = name_of(o, after);
  std::string container = p ? name_of(*p, after) : std::string();
  switch (o.kind) {
    case ObjectKind::Column: return fmt::format("column \"{}.{}\"", container, name);
    case ObjectKind::Constraint: return fmt::format("constraint \"{}\" on \"{}\"", name, container);
    case ObjectKind::EnumValue: return fmt::format("enum value '{}' of type \"{}\"", name, container);
    default: return fmt::format("{} \"{}\"", object_kind_name(o.kind), name);
  }
}

int SchemaChanges::find_live(ObjectKind kind, int parent, std::string_view name) const {
  Namespace ns = namespace_of(kind);
  for (int i = static_cast<int>(objects_.size()) - 1; i >= 0; --i) {
    const SchemaObject& o = objects_[static_cast<std::size_t>(i)];
    if (o.dropped || namespace_of(o.kind) != ns || o.name != name) continue;
    if (parent_scoped(ns) && o.parent != parent) continue;
    return i;
  }
  return -1;
}

// The object a statement names: one seen earlier in the phase, or one that existed before.
int SchemaChanges::touch(ObjectKind kind, int parent, const std::string& name) {
  if (int found = find_live(kind, parent, name); found >= 0) return found;
  SchemaObject o;
  o.kind = kind;
  o.parent = parent;
  o.start_name = name;
  o.name = name;
  objects_.push_back(std::move(o));
  return static_cast<int>(objects_.size()) - 1;
}

int SchemaChanges::create(ObjectKind kind, int parent, const std::string& name, std::size_t at) {
  SchemaObject o;
  o.kind = kind;
  o.parent = parent;
  o.name = name;
  o.created = at;
  objects_.push_back(std::move(o));
  return static_cast<int>(objects_.size()) - 1;
}

void SchemaChanges::drop(int id, std::size_t at, bool with_container) {
  if (objects_[static_cast<std::size_t>(id)].dropped) return;
  objects_[static_cast<std::size_t>(id)].dropped = at;
  objects_[static_cast<std::size_t>(id)].dropped_with_container = with_container;
  // A table takes its columns, constraints and indexes with it; a type its values.
  for (std::size_t i = 0; i < objects_.size(); ++i)
    if (objects_[i].parent == id && !objects_[i].dropped) drop(static_cast<int>(i), at, true);
}

void SchemaChanges::apply(const sql::Statement& st, std::size_t at) {
  using K = ObjectKind;
  // Named constraints of a new table or column: they can be dropped or renamed by name.
  auto add_constraints = [&](int table, const std::vector<sql::ConstraintDef>& defs, const std::string& column) {
    for (const auto& c : defs) {
      if (!is_catalog_constraint(c)) continue;
      int id = create(K::Constraint, table, c.name, at);
      objects_[static_cast<std::size_t>(id)].columns = c.columns.empty() && !column.empty()
                                                           ? std::vector<std::string>{column} : c.columns;
    }
  };
  auto add_column = [&](int table, const sql::ColumnDef& col, bool if_not_exists) {
    int id = create(K::Column, table, col.name, at);
    objects_[static_cast<std::size_t>(id)].type = type_key(col.type);
    objects_[static_cast<std::size_t>(id)].if_not_exists = if_not_exists;
    add_constraints(table, col.constraints, col.name);
  };
  auto rename = [&](int id, std::string new_name) {
    objects_[static_cast<std::size_t>(id)].name = std::move(new_name);
    objects_[static_cast<std::size_t>(id)].renamed = at;
  };

  if (auto t = sql::as_create_table(st)) {
    int table = create(K::Table, -1, relation_key(t->relation), at);
    objects_[static_cast<std::size_t>(table)].if_not_exists = t->if_not_exists;
    for (const auto& col : t->columns) add_column(table, col, false);
    add_constraints(table, t->constraints, {});
  } else if (auto a = sql::as_create_table_as(st)) {
    int id = create(a->materialized_view ? K::MaterializedView : K::Table, -1, relation_key(a->relation), at);
    objects_[static_cast<std::size_t>(id)].if_not_exists = a->if_not_exists;
  } else if (auto v = sql::as_create_view(st)) {
    std::string key = relation_key(v->view);
    // OR REPLACE over a view seen earlier in the phase redefines it; it stays the same view.
    if (v->or_replace && find_live(K::View, -1, key) >= 0) return;
    int id = create(K::View, -1, key, at);
    objects_[static_cast<std::size_t>(id)].or_replace = v->or_replace;
  } else if (auto ix = sql::as_index(st)) {
    if (ix->name.empty()) return;  // PostgreSQL picks the name; nothing can refer to it
    int table = touch(K::Table, -1, relation_key(ix->table));
    int id = create(K::Index, table, relation_key(sql::QualifiedName{ix->table.schema, ix->name}), at);
    auto& o = objects_[static_cast<std::size_t>(id)];
    o.if_not_exists = ix->if_not_exists;
    for (const auto& c : ix->columns)
      if (!c.empty()) o.columns.push_back(c);
  } else if (auto seq = sql::as_create_sequence(st)) {
    int id = create(K::Sequence, -1, relation_key(seq->sequence), at);
    objects_[static_cast<std::size_t>(id)].if_not_exists = seq->if_not_exists;
  } else if (auto e = sql::as_create_enum(st)) {
    create(K::EnumType, -1, relation_key(e->type), at);
  } else if (auto d = sql::as_create_domain(st)) {
    create(K::Domain, -1, relation_key(d->domain), at);
  } else if (auto x = sql::as_create_extension(st)) {
    objects_[static_cast<std::size_t>(create(K::Extension, -1, x->name, at))].if_not_exists = x->if_not_exists;
  } else if (auto sc = sql::as_create_schema(st)) {
    objects_[static_cast<std::size_t>(create(K::Schema, -1, sc->name, at))].if_not_exists = sc->if_not_exists;
  } else if (auto ae = sql::as_alter_enum(st)) {
    int type = touch(K::EnumType, -1, relation_key(ae->type));
    if (ae->is_add()) {
      objects_[static_cast<std::size_t>(create(K::EnumValue, type, ae->new_value, at))].if_not_exists =
          ae->if_not_exists;
    } else {
      rename(touch(K::EnumValue, type, ae->old_value), ae->new_value);
    }
  } else if (auto alter = sql::as_alter_table(st)) {
    int table = touch(relation_kind(alter->object_type).value_or(K::Table), -1, relation_key(alter->relation));
    using T = sql::AlterTableType;
    for (const auto& c : alter->commands) {
      switch (c.type) {
        case T::AddColumn:
        case T::AddColumnRecurse:
          if (c.column) add_column(table, *c.column, c.missing_ok);
          break;
        case T::DropColumn:
        case T::DropColumnRecurse: {
          drop(touch(K::Column, table, c.name), at, false);
          // PostgreSQL drops the indexes and constraints that use the column.
          for (std::size_t i = 0; i < objects_.size(); ++i) {
            const SchemaObject& o = objects_[i];
            if (o.parent == table && !o.dropped && (o.kind == K::Index || o.kind == K::Constraint) &&
                std::find(o.columns.begin(), o.columns.end(), c.name) != o.columns.end())
              drop(static_cast<int>(i), at, true);
          }
          break;
        }
        case T::AddConstraint:
        case T::AddConstraintRecurse:
          if (c.constraint && is_catalog_constraint(*c.constraint)) {
            add_constraints(table, {*c.constraint}, {});
            // A CHECK names no key columns; those its expression reads go with it when dropped
            // (known when it is the statement's only subcommand).
            if (c.constraint->type == sql::ConstraintType::Check && alter->commands.size() == 1)
              objects_.back().columns = sql::column_references(st);
            // USING INDEX turns the index into the constraint's own (renamed to it).
            if (!c.constraint->using_index.empty()) {
              std::string ix = relation_key(sql::QualifiedName{alter->relation.schema, c.constraint->using_index});
              if (int id = find_live(K::Index, -1, ix); id >= 0) drop(id, at, true);
            }
          }
          break;
        case T::DropConstraint:
        case T::DropConstraintRecurse:
          drop(touch(K::Constraint, table, c.name), at, false);
          break;
        case T::AlterColumnType: {
          int col = touch(K::Column, table, c.name);
          auto& o = objects_[static_cast<std::size_t>(col)];
          if (!c.column) break;
          if (o.created) {
            o.type = type_key(c.column->type);
          } else {
            o.type_change = ColumnTypeChange{at, c.column->type, c.column->using_expression.present()};
          }
          break;
        }
        case T::SetNotNull:
        case T::DropNotNull: {
          auto& o = objects_[static_cast<std::size_t>(touch(K::Column, table, c.name))];
          if (!o.created) record_flag(o.not_null, at, c.type == T::SetNotNull, {});
          break;
        }
        case T::ColumnDefault: {
          auto& o = objects_[static_cast<std::size_t>(touch(K::Column, table, c.name))];
          if (!o.created) record_flag(o.default_value, at, c.default_value.present(), default_text(c.default_value));
          break;
        }
        default:
          break;
      }
    }
  } else if (auto drop_info = sql::as_drop(st)) {
    using O = sql::ObjectType;
    for (const auto& name : drop_info->objects) {
      int id = -1;
      if (auto k = relation_kind(drop_info->object_type)) {
        id = touch(*k, -1, relation_key(name));
      } else if (drop_info->object_type == O::Type || drop_info->object_type == O::Domain) {
        id = touch(drop_info->object_type == O::Type ? K::EnumType : K::Domain, -1, relation_key(name));
      } else if (drop_info->object_type == O::Extension) {
        id = touch(K::Extension, -1, name.name);
      } else if (drop_info->object_type == O::Schema) {
        id = touch(K::Schema, -1, name.name);
        if (drop_info->cascade) {
          for (std::size_t i = 0; i < objects_.size(); ++i)
            if (objects_[i].parent < 0 && !objects_[i].dropped && namespace_of(objects_[i].kind) != Namespace::Schema &&
                schema_part(objects_[i].name) == name.name)
              drop(static_cast<int>(i), at, true);
        }
      }
      if (id < 0) continue;
      drop(id, at, false);
      objects_[static_cast<std::size_t>(id)].cascade = drop_info->cascade;
    }
  } else if (auto r = sql::as_rename(st)) {
    using O = sql::ObjectType;
    if (auto k = relation_kind(r->object_type); k && r->old_name.empty()) {
      rename(touch(*k, -1, relation_key(r->target)), relation_key(sql::QualifiedName{r->target.schema, r->new_name}));
    } else if (r->object_type == O::Column || r->object_type == O::TableConstraint) {
      int table = touch(K::Table, -1, relation_key(r->target));
      rename(touch(r->object_type == O::Column ? K::Column : K::Constraint, table, r->old_name), r->new_name);
    } else if (r->object_type == O::Type || r->object_type == O::Domain) {
      rename(touch(r->object_type == O::Type ? K::EnumType : K::Domain, -1, relation_key(r->target)),
             relation_key(sql::QualifiedName{r->target.schema, r->new_name}));
    } else if (r->object_type == O::Schema) {
      // ALTER SCHEMA a RENAME TO b: the old name is the statement's subname.
      rename(touch(K::Schema, -1, r->target.empty() ? r->old_name : r->target.name), r->new_name);
    }
  } else if (st.is("TruncateStmt") || st.is("DeleteStmt")) {
    bool truncate = st.is("TruncateStmt");
    for (const auto& rel : st.relations()) {
      std::string key = relation_key(rel);
      int id = find_live(K::Table, -1, key);
      // Rows of a table the phase created are its own; nobody else's data is lost.
      if (id >= 0 && objects_[static_cast<std::size_t>(id)].created) continue;
      removals_.push_back({at, key, truncate, truncate || !st.has_where_clause()});
    }
  }
}

}  // namespace miglint::lint
