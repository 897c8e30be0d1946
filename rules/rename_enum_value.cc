// rename-enum-value: ALTER TYPE … RENAME VALUE of an enum the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::quote_name;

void check_rename_enum_value(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto alter = sql::as_alter_enum(s.statement());
    if (!alter || alter->is_add()) continue;
    if (destructive::type_created_before(m, alter->type, s.index)) continue;
    const std::string type = alter->type.str();
    m.report(ctx, s,
             fmt::format("renaming value '{}' of enum {} to '{}' breaks the application version still running "
                         "during the deploy: its writes of '{}' fail (invalid input value for enum), and it "
                         "reads back '{}', a value it does not know",
                         alter->old_value, quote_name(type), alter->new_value, alter->old_value, alter->new_value),
             fmt::format("Add the new value and move the rows over, over several deploys:\n"
                         "  1. revision: op.execute(\"ALTER TYPE {0} ADD VALUE IF NOT EXISTS '{2}'\")\n"
                         "     (in an autocommit block before PostgreSQL 12), then deploy code that reads both "
                         "values and writes '{2}'\n"
                         "  2. revision: op.execute(\"UPDATE <table> SET <column> = '{2}' WHERE <column> = '{1}'\")\n"
                         "  3. deploy code that no longer knows '{1}'; the old value stays in the type "
                         "(PostgreSQL cannot drop an enum value) unless the type is rebuilt",
                         type, alter->old_value, alter->new_value));
  }
}

}  // namespace miglint::rules
