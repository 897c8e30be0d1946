// ddl.h helpers on real statements: CREATE TABLE/INDEX, DROP, RENAME, enums, CREATE … AS.
#include <catch2/catch.hpp>

#include "sql/ddl.h"
#include "sql/sql_text.h"

using namespace miglint::sql;

namespace {

Statement one(std::string_view sql) {
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 1);
  return r.statements[0];
}

}  // namespace

TEST_CASE("as_index reads CREATE INDEX flags", "[sql]") {
  auto i = as_index(one("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON s.t USING gin (a, lower(b))"
                        " WHERE c > 0"));
  REQUIRE(i);
  CHECK(i->table == QualifiedName{"s", "t"});
  CHECK(i->name == "ix");
  CHECK(i->concurrent);
  CHECK(i->if_not_exists);
  CHECK_FALSE(i->unique);
  CHECK(i->partial);
  CHECK(i->access_method == "gin");
  CHECK(i->columns == std::vector<std::string>{"a", ""});
  CHECK(i->has_expressions);

  auto u = as_index(one("create unique index on t(a) include (b)"));
  REQUIRE(u);
  CHECK(u->unique);
  CHECK(u->name.empty());
  CHECK_FALSE(u->concurrent);
  CHECK_FALSE(u->if_not_exists);
  CHECK_FALSE(u->partial);
  CHECK(u->access_method == "btree");
  CHECK(u->include_columns == std::vector<std::string>{"b"});
  CHECK_FALSE(as_index(one("select 1")));
}

TEST_CASE("as_create_table reads columns and table constraints", "[sql]") {
  auto t = as_create_table(one(
      "CREATE TABLE IF NOT EXISTS s.t (id bigserial PRIMARY KEY, name text NOT NULL,"
      " n int DEFAULT 0 CHECK (n >= 0), ref int REFERENCES u(id), x varchar(10)[],"
      " CONSTRAINT uq UNIQUE (name, n)) PARTITION BY RANGE (id)"));
  REQUIRE(t);
  CHECK(t->relation.str() == "s.t");
  CHECK(t->if_not_exists);
  CHECK(t->partitioned);
  CHECK_FALSE(t->temporary);
  REQUIRE(t->columns.size() == 5);
  CHECK(t->columns[0].primary_key);
  CHECK(t->columns[0].type.str() == "bigserial");
  CHECK(t->columns[1].not_null);
  CHECK(t->columns[2].default_value.constant == "0");
  CHECK(t->columns[2].constraints[1].type == ConstraintType::Check);
  CHECK(t->columns[3].constraints[0].references.name == "u");
  CHECK(t->columns[4].type.str() == "varchar(10)[]");
  REQUIRE(t->constraints.size() == 1);
  CHECK(t->constraints[0].name == "uq");
  CHECK(t->constraints[0].columns == std::vector<std::string>{"name", "n"});

  auto tmp = as_create_table(one("CREATE TEMP TABLE x (a int)"));
  CHECK(tmp->temporary);
}

TEST_CASE("as_drop reads object type, names and flags", "[sql]") {
  auto d = as_drop(one("DROP TABLE IF EXISTS a, s.b CASCADE"));
  REQUIRE(d);
  CHECK(d->object_type == ObjectType::Table);
  CHECK(d->objects == std::vector<QualifiedName>{{"", "a"}, {"s", "b"}});
  CHECK(d->if_exists);
  CHECK(d->cascade);
  CHECK_FALSE(d->concurrent);

  auto ix = as_drop(one("DROP INDEX CONCURRENTLY s.ix"));
  CHECK(ix->object_type == ObjectType::Index);
  CHECK(ix->concurrent);
  CHECK_FALSE(ix->if_exists);
  CHECK(ix->objects[0] == QualifiedName{"s", "ix"});

  CHECK(as_drop(one("DROP TYPE public.mood"))->objects[0] == QualifiedName{"public", "mood"});
  CHECK(as_drop(one("DROP TYPE public.mood"))->object_type == ObjectType::Type);
  CHECK(as_drop(one("DROP SCHEMA s"))->objects[0] == QualifiedName{"", "s"});
  CHECK(as_drop(one("DROP FUNCTION f(int)"))->objects[0].name == "f");
  auto trig = as_drop(one("DROP TRIGGER tr ON s.t"));
  CHECK(trig->object_type == ObjectType::Trigger);
  CHECK(trig->objects[0] == QualifiedName{"s.t", "tr"});
  CHECK(as_drop(one("DROP MATERIALIZED VIEW m"))->object_type == ObjectType::MatView);
}

TEST_CASE("as_rename reads table, column, index, constraint and type renames", "[sql]") {
  auto col = as_rename(one("ALTER TABLE IF EXISTS s.t RENAME COLUMN a TO b"));
  REQUIRE(col);
  CHECK(col->object_type == ObjectType::Column);
  CHECK(col->target == QualifiedName{"s", "t"});
  CHECK(col->old_name == "a");
  CHECK(col->new_name == "b");
  CHECK(col->if_exists);

  auto tab = as_rename(one("ALTER TABLE t RENAME TO u"));
  CHECK(tab->object_type == ObjectType::Table);
  CHECK(tab->old_name.empty());
  CHECK(tab->new_name == "u");

  CHECK(as_rename(one("ALTER INDEX ix RENAME TO iy"))->object_type == ObjectType::Index);
  auto con = as_rename(one("ALTER TABLE t RENAME CONSTRAINT a TO b"));
  CHECK(con->object_type == ObjectType::TableConstraint);
  CHECK(con->old_name == "a");
  auto type = as_rename(one("ALTER TYPE s.mood RENAME TO m2"));
  CHECK(type->object_type == ObjectType::Type);
  CHECK(type->target == QualifiedName{"s", "mood"});
}

TEST_CASE("as_create_enum and as_alter_enum", "[sql]") {
  auto c = as_create_enum(one("CREATE TYPE s.mood AS ENUM ('a', 'b')"));
  REQUIRE(c);
  CHECK(c->type == QualifiedName{"s", "mood"});
  CHECK(c->values == std::vector<std::string>{"a", "b"});

  auto add = as_alter_enum(one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'c' BEFORE 'a'"));
  REQUIRE(add);
  CHECK(add->is_add());
  CHECK(add->new_value == "c");
  CHECK(add->neighbor == "a");
  CHECK_FALSE(add->after);
  CHECK(add->if_not_exists);

  auto append = as_alter_enum(one("ALTER TYPE mood ADD VALUE 'd'"));
  CHECK(append->neighbor.empty());
  CHECK_FALSE(append->if_not_exists);

  auto ren = as_alter_enum(one("ALTER TYPE mood RENAME VALUE 'a' TO 'z'"));
  CHECK_FALSE(ren->is_add());
  CHECK(ren->old_value == "a");
  CHECK(ren->new_value == "z");
}

TEST_CASE("as_create_table_as distinguishes tables and materialized views", "[sql]") {
  auto mv = as_create_table_as(one("CREATE MATERIALIZED VIEW s.mv AS SELECT 1 WITH NO DATA"));
  REQUIRE(mv);
  CHECK(mv->relation == QualifiedName{"s", "mv"});
  CHECK(mv->materialized_view);
  CHECK(mv->with_no_data);
  auto t = as_create_table_as(one("CREATE TABLE IF NOT EXISTS tt AS SELECT 1"));
  CHECK_FALSE(t->materialized_view);
  CHECK_FALSE(t->with_no_data);
  CHECK(t->if_not_exists);
}

TEST_CASE("as_create_domain, as_alter_domain, as_create_extension", "[sql]") {
  auto d = as_create_domain(one("CREATE DOMAIN s.d AS int CHECK (VALUE > 0)"));
  REQUIRE(d);
  CHECK(d->domain == QualifiedName{"s", "d"});
  CHECK(d->base_type.str() == "int4");
  REQUIRE(d->constraints.size() == 1);
  CHECK(d->constraints[0].type == ConstraintType::Check);
  CHECK(as_create_domain(one("CREATE DOMAIN e AS text"))->constraints.empty());

  auto add = as_alter_domain(one("ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 1) NOT VALID"));
  REQUIRE(add);
  CHECK(add->action == AlterDomainInfo::Action::AddConstraint);
  CHECK(add->constraint->name == "c");
  CHECK(add->constraint->not_valid);
  auto val = as_alter_domain(one("ALTER DOMAIN d VALIDATE CONSTRAINT c"));
  CHECK(val->action == AlterDomainInfo::Action::ValidateConstraint);
  CHECK(val->constraint_name == "c");
  CHECK(as_alter_domain(one("ALTER DOMAIN d SET NOT NULL"))->action ==
        AlterDomainInfo::Action::SetNotNull);

  auto e = as_create_extension(one("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA s"));
  REQUIRE(e);
  CHECK(e->name == "uuid-ossp");
  CHECK(e->schema == "s");
  CHECK(e->if_not_exists);
}

TEST_CASE("char(n) reads as bpchar and sequences are relations", "[sql]") {
  auto t = as_create_table(one("CREATE TABLE t (c char(3), v character varying)"));
  CHECK(t->columns[0].type.name() == "bpchar");
  CHECK(t->columns[0].type.str() == "bpchar(3)");
  CHECK(t->columns[1].type.str() == "varchar");
  CHECK(one("CREATE SEQUENCE IF NOT EXISTS s.q").relation_name() == "s.q");
}
