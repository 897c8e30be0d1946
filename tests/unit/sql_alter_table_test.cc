// as_alter_table on real ALTER TABLE statements (trees checked against libpg_query 15-4.0.0).
#include <catch2/catch.hpp>

#include "sql/alter_table.h"
#include "sql/sql_text.h"

using namespace miglint::sql;

namespace {

AlterTableInfo alter(std::string_view sql) {
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 1);
  auto info = as_alter_table(r.statements[0]);
  REQUIRE(info);
  return *info;
}

}  // namespace

TEST_CASE("as_alter_table: ADD COLUMN with type, NOT NULL and a constant default", "[sql]") {
  auto a = alter("ALTER TABLE s.t ADD COLUMN IF NOT EXISTS c varchar(20) NOT NULL DEFAULT 'x'");
  CHECK(a.relation == QualifiedName{"s", "t"});
  CHECK(a.object_type == ObjectType::Table);
  CHECK_FALSE(a.only);
  CHECK_FALSE(a.missing_ok);
  REQUIRE(a.commands.size() == 1);
  const auto& cmd = a.commands[0];
  CHECK(cmd.type == AlterTableType::AddColumn);
  CHECK(cmd.type_name == "AT_AddColumn");
  CHECK(cmd.missing_ok);
  CHECK(cmd.column_name() == "c");
  REQUIRE(cmd.column);
  CHECK(cmd.column->type.names == std::vector<std::string>{"pg_catalog", "varchar"});
  CHECK(cmd.column->type.typmods == std::vector<int64_t>{20});
  CHECK(cmd.column->type.str() == "varchar(20)");
  CHECK(cmd.column->not_null);
  CHECK(cmd.column->default_value.kind == ExprKind::Constant);
  CHECK(cmd.column->default_value.constant == "x");
  CHECK(cmd.column->constraints.size() == 2);
}

TEST_CASE("as_alter_table: DEFAULT expression kinds", "[sql]") {
  auto a = alter(
      "ALTER TABLE t ADD COLUMN a timestamptz DEFAULT now(), ADD COLUMN b int DEFAULT 0,"
      " ADD COLUMN c numeric(10,2) DEFAULT -1, ADD COLUMN d int[] DEFAULT NULL,"
      " ADD COLUMN e text DEFAULT 'a' || 'b', ADD COLUMN f bool DEFAULT false,"
      " ADD COLUMN g timestamp DEFAULT CURRENT_TIMESTAMP, ADD COLUMN h jsonb DEFAULT '{}'::jsonb,"
      " ADD COLUMN i uuid DEFAULT public.gen_random_uuid(), ADD COLUMN j int");
  REQUIRE(a.commands.size() == 10);
  auto def = [&](size_t i) { return a.commands[i].column->default_value; };
  CHECK(def(0).kind == ExprKind::FunctionCall);
  CHECK(def(0).function == "now");
  CHECK(def(1).kind == ExprKind::Constant);
  CHECK(def(1).constant == "0");
  CHECK(def(2).kind == ExprKind::Constant);
  CHECK(def(2).constant == "-1");
  CHECK(a.commands[2].column->type.str() == "numeric(10,2)");
  CHECK(def(3).kind == ExprKind::Constant);
  CHECK(def(3).is_null);
  CHECK(a.commands[3].column->type.array);
  CHECK(a.commands[3].column->type.str() == "int4[]");
  CHECK(def(4).kind == ExprKind::Other);
  CHECK(def(5).constant == "false");
  CHECK(def(6).kind == ExprKind::FunctionCall);
  CHECK(def(6).function == "current_timestamp");
  CHECK(def(7).kind == ExprKind::Constant);
  CHECK(def(7).constant == "{}");
  CHECK(def(8).function == "gen_random_uuid");
  CHECK_FALSE(def(9).present());
  CHECK_FALSE(a.commands[9].column->not_null);
}

TEST_CASE("as_alter_table: a cast takes the kind of what it casts", "[sql]") {
  auto a = alter("ALTER TABLE t ADD COLUMN a date DEFAULT now()::date,"
                 " ADD COLUMN b int DEFAULT (1 + 2)::int, ADD COLUMN c int DEFAULT (7)");
  CHECK(a.commands[0].column->default_value.kind == ExprKind::FunctionCall);
  CHECK(a.commands[0].column->default_value.function == "now");
  CHECK(a.commands[1].column->default_value.kind == ExprKind::Other);
  CHECK(a.commands[2].column->default_value.kind == ExprKind::Constant);
  CHECK(a.commands[2].column->default_value.constant == "7");
}

TEST_CASE("as_alter_table: SET/DROP NOT NULL, DROP COLUMN, defaults, ONLY, IF EXISTS", "[sql]") {
  auto a = alter(
      "ALTER TABLE IF EXISTS ONLY t ALTER COLUMN d SET NOT NULL, ALTER COLUMN e DROP NOT NULL,"
      " DROP COLUMN IF EXISTS f CASCADE, ALTER COLUMN z SET DEFAULT 1, ALTER COLUMN z DROP DEFAULT");
  CHECK(a.only);
  CHECK(a.missing_ok);
  REQUIRE(a.commands.size() == 5);
  CHECK(a.commands[0].type == AlterTableType::SetNotNull);
  CHECK(a.commands[0].column_name() == "d");
  CHECK(a.commands[1].type == AlterTableType::DropNotNull);
  CHECK(a.commands[2].type == AlterTableType::DropColumn);
  CHECK(a.commands[2].name == "f");
  CHECK(a.commands[2].missing_ok);
  CHECK(a.commands[2].cascade);
  CHECK(a.commands[3].type == AlterTableType::ColumnDefault);
  CHECK(a.commands[3].default_value.constant == "1");
  CHECK(a.commands[4].type == AlterTableType::ColumnDefault);
  CHECK_FALSE(a.commands[4].default_value.present());
}

TEST_CASE("as_alter_table: ADD CONSTRAINT with NOT VALID, then VALIDATE", "[sql]") {
  auto a = alter(
      "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES s.u(id) NOT VALID,"
      " ADD CONSTRAINT ck CHECK (a > 0), ADD CONSTRAINT uq UNIQUE (a, b),"
      " ADD CONSTRAINT pk PRIMARY KEY USING INDEX ix, VALIDATE CONSTRAINT fk,"
      " DROP CONSTRAINT IF EXISTS old");
  REQUIRE(a.commands.size() == 6);
  const auto& fk = *a.commands[0].constraint;
  CHECK(a.commands[0].type == AlterTableType::AddConstraint);
  CHECK(fk.type == ConstraintType::ForeignKey);
  CHECK(fk.name == "fk");
  CHECK(fk.not_valid);
  CHECK(fk.columns == std::vector<std::string>{"a"});
  CHECK(fk.references == QualifiedName{"s", "u"});
  CHECK(fk.referenced_columns == std::vector<std::string>{"id"});
  const auto& ck = *a.commands[1].constraint;
  CHECK(ck.type == ConstraintType::Check);
  CHECK_FALSE(ck.not_valid);
  CHECK(ck.expression.kind == ExprKind::Other);
  CHECK(a.commands[2].constraint->type == ConstraintType::Unique);
  CHECK(a.commands[2].constraint->columns == std::vector<std::string>{"a", "b"});
  CHECK(a.commands[3].constraint->type == ConstraintType::PrimaryKey);
  CHECK(a.commands[3].constraint->using_index == "ix");
  CHECK(a.commands[4].type == AlterTableType::ValidateConstraint);
  CHECK(a.commands[4].name == "fk");
  CHECK(a.commands[5].type == AlterTableType::DropConstraint);
  CHECK(a.commands[5].missing_ok);
}

TEST_CASE("as_alter_table: the columns a CHECK proves NOT NULL", "[sql]") {
  auto a = alter(
      "ALTER TABLE t ADD CONSTRAINT a CHECK (c IS NOT NULL) NOT VALID,"
      " ADD CONSTRAINT b CHECK ((\"D\" IS NOT NULL) AND e > 0 AND (t.f IS NOT NULL)),"
      " ADD CONSTRAINT c CHECK (g IS NOT NULL OR h IS NOT NULL),"
      " ADD CONSTRAINT d CHECK (i IS NULL), ADD CONSTRAINT e CHECK (NOT (j IS NOT NULL)),"
      " ADD CONSTRAINT f CHECK ((k + 1) IS NOT NULL)");
  REQUIRE(a.commands.size() == 6);
  CHECK(a.commands[0].constraint->not_null_columns == std::vector<std::string>{"c"});
  CHECK(a.commands[1].constraint->not_null_columns == std::vector<std::string>{"D", "f"});
  // OR, IS NULL, NOT and expressions prove nothing about a single column.
  for (size_t i = 2; i < 6; ++i) CHECK(a.commands[i].constraint->not_null_columns.empty());
}

TEST_CASE("as_alter_table: ALTER COLUMN TYPE with and without USING", "[sql]") {
  auto a = alter(
      "ALTER TABLE t ALTER COLUMN c TYPE bigint USING c::bigint,"
      " ALTER COLUMN d SET DATA TYPE varchar(40), ALTER COLUMN e TYPE \"MyType\","
      " ALTER COLUMN f TYPE double precision, ALTER COLUMN g TYPE timestamp(3) with time zone");
  REQUIRE(a.commands.size() == 5);
  for (const auto& c : a.commands) CHECK(c.type == AlterTableType::AlterColumnType);
  CHECK(a.commands[0].column_name() == "c");
  CHECK(a.commands[0].column->type.name() == "int8");
  CHECK(a.commands[0].column->using_expression.kind == ExprKind::Other);
  CHECK(a.commands[1].column->type.str() == "varchar(40)");
  CHECK_FALSE(a.commands[1].column->using_expression.present());
  CHECK(a.commands[2].column->type.str() == "MyType");
  CHECK(a.commands[3].column->type.str() == "float8");
  CHECK(a.commands[4].column->type.str() == "timestamptz(3)");
}

TEST_CASE("as_alter_table: other subcommands and ALTER INDEX", "[sql]") {
  auto a = alter(
      "ALTER TABLE t SET LOGGED, ALTER COLUMN x SET STATISTICS 100, OWNER TO bob,"
      " ADD COLUMN a int GENERATED ALWAYS AS IDENTITY,"
      " ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED, ADD COLUMN c serial PRIMARY KEY");
  CHECK(a.commands[0].type == AlterTableType::SetLogged);
  CHECK(a.commands[1].type == AlterTableType::SetStatistics);
  CHECK(a.commands[1].name == "x");
  CHECK(a.commands[2].type == AlterTableType::ChangeOwner);
  CHECK(a.commands[3].column->identity);
  CHECK(a.commands[4].column->generated);
  CHECK(a.commands[5].column->primary_key);
  CHECK(a.commands[5].column->not_null);
  CHECK(a.commands[5].column->type.str() == "serial");

  auto i = alter("ALTER INDEX ix SET TABLESPACE fast");
  CHECK(i.object_type == ObjectType::Index);
  CHECK(i.relation.name == "ix");
  CHECK(i.commands[0].type == AlterTableType::SetTableSpace);
  CHECK(i.commands[0].name == "fast");
}

TEST_CASE("as_alter_table: partitions", "[sql]") {
  auto a = alter("ALTER TABLE t DETACH PARTITION s.p CONCURRENTLY");
  CHECK(a.commands[0].type == AlterTableType::DetachPartition);
  CHECK(a.commands[0].partition == QualifiedName{"s", "p"});
  CHECK(a.commands[0].concurrent);
  auto b = alter("ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1)");
  CHECK(b.commands[0].type == AlterTableType::AttachPartition);
  CHECK_FALSE(b.commands[0].concurrent);
}

TEST_CASE("as_alter_table is nullopt for other statements", "[sql]") {
  auto r = parse_sql("CREATE INDEX ix ON t (a)");
  CHECK_FALSE(as_alter_table(r.statements[0]));
}

TEST_CASE("pg_enums round-trip PostgreSQL names", "[sql]") {
  CHECK(pg_name(AlterTableType::AddColumn) == "AT_AddColumn");
  CHECK(parse_alter_table_type("AT_ReAddStatistics") == AlterTableType::ReAddStatistics);
  CHECK(parse_alter_table_type("AT_Bogus") == AlterTableType::Unknown);
  CHECK(pg_name(AlterTableType::Unknown).empty());
  CHECK(parse_object_type("OBJECT_MATVIEW") == ObjectType::MatView);
  CHECK(pg_name(ObjectType::Table) == "OBJECT_TABLE");
  CHECK(parse_constraint_type("CONSTR_FOREIGN") == ConstraintType::ForeignKey);
}
