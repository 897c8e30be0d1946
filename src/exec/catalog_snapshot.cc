#include "exec/catalog_snapshot.h"

#include <algorithm>
#include <iterator>

namespace miglint::exec {
namespace {

// Objects in schemas users own (not pg_catalog, information_schema, pg_toast, temp schemas)
// that no extension owns (an extension's objects come and go with CREATE EXTENSION, which is
// itself a fact).
constexpr const char* kUserNamespace =
    "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
constexpr const char* kNotFromExtension =
    "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.deptype = 'e')";

std::string not_from_extension(const std::string& oid) {
  std::string s = kNotFromExtension;
  return s.replace(s.find("{oid}"), 5, oid);
}

// Each query returns one text column: the fact. $1 is the version table's regclass text, so
// it and its primary key stay out.
std::vector<std::string> queries() {
  const std::string ns = kUserNamespace;
  const std::string version = "c.oid = to_regclass($1)";
  return {
      "SELECT 'schema ' || quote_ident(n.nspname) FROM pg_namespace n WHERE " + ns + " AND " +
          not_from_extension("n.oid"),
      "SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension WHERE extname <> 'plpgsql'",
      // Relations: kind, persistence, options, and for partitions the bound.
      "SELECT format('relation %s %I.%I persistence=%s options=%s partition=%s', c.relkind, n.nspname, "
      "c.relname, c.relpersistence, coalesce(c.reloptions::text, ''), "
      "coalesce(pg_get_expr(c.relpartbound, c.oid), '')) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r','p','v','m','S','f','c') AND " + ns + " AND " + not_from_extension("c.oid") +
          " AND NOT (" + version + ")",
      // Columns, with their position among the live columns (column order is schema too).
      "SELECT format('column %I.%I #%s %I %s%s%s%s%s%s', n.nspname, c.relname, "
      "row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname, "
      "format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, "
      "coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), ''), "
      "CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END, "
      "CASE a.attgenerated WHEN 's' THEN ' generated stored' ELSE '' END, "
      "coalesce(' collate ' || nullif(co.collname, 'default'), '')) "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
      "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0 "
      "AND co.oid <> (SELECT t.typcollation FROM pg_type t WHERE t.oid = a.atttypid) "
      "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p','v','m','f','c') AND " + ns +
          " AND " + not_from_extension("c.oid") + " AND NOT (" + version + ")",
      "SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END "
      "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE " + ns + " AND " + not_from_extension("i.indexrelid") + " AND NOT (" + version + ")",
      "SELECT format('constraint %I.%I %I %s%s', n.nspname, coalesce(c.relname, t.typname), con.conname, "
      "pg_get_constraintdef(con.oid), CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END) "
      "FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
      "LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type t ON t.oid = con.contypid "
      "WHERE " + ns + " AND (c.oid IS NULL OR NOT (" + version + "))",
      "SELECT format('enum %I.%I %s', n.nspname, t.typname, "
      "string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)) "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
      "WHERE " + ns + " GROUP BY n.nspname, t.typname",
      "SELECT format('domain %I.%I %s%s%s', n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), "
      "CASE WHEN t.typnotnull THEN ' not null' ELSE '' END, coalesce(' default ' || t.typdefault, '')) "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND " + ns,
      "SELECT format('view %I.%I %s', n.nspname, c.relname, pg_get_viewdef(c.oid)) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND " + ns +
          " AND " + not_from_extension("c.oid"),
      "SELECT format('sequence %I.%I %s start %s increment %s min %s max %s cache %s cycle %s', n.nspname, "
      "c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, "
      "s.seqcycle) FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + ns + " AND " + not_from_extension("c.oid"),
      "SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.prokind IN ('f','p') AND " + ns + " AND " + not_from_extension("p.oid"),
      "SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t "
      "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT t.tgisinternal AND " + ns,
      "SELECT format('comment %I.%I %s %s', n.nspname, c.relname, "
      "coalesce((SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = d.objoid AND attnum = d.objsubid), ''), "
      "quote_literal(d.description)) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE d.classoid = 'pg_class'::regclass AND " + ns,
      "SELECT format('policy %I on %I.%I %s', pol.polname, n.nspname, c.relname, "
      "coalesce(pg_get_expr(pol.polqual, pol.polrelid), '')) FROM pg_policy pol "
      "JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + ns,
  };
}

}  // namespace

CatalogSnapshot take_catalog_snapshot(Connection& connection, const std::string& version_table,
                                      const std::string& version_table_schema) {
  CatalogSnapshot out;
  std::string qualified = (version_table_schema.empty() ? "" : connection.quote_identifier(version_table_schema) + ".") +
                          connection.quote_identifier(version_table);
  for (const auto& q : queries()) {
    // Only the queries that mention the version table take it as a parameter: PostgreSQL
    // refuses a parameter the statement does not use.
    ExecResult r = q.find("$1") != std::string::npos ? connection.exec_params(q, {qualified}) : connection.exec(q);
    if (!r.ok()) {
      out.error = r.error;
      return out;
    }
    for (const auto& row : r.rows)
      if (!row.empty() && row[0]) out.facts.push_back(*row[0]);
  }
  std::sort(out.facts.begin(), out.facts.end());
  return out;
}

SnapshotDiff diff_snapshots(const CatalogSnapshot& expected, const CatalogSnapshot& actual) {
  SnapshotDiff d;
  std::set_difference(expected.facts.begin(), expected.facts.end(), actual.facts.begin(), actual.facts.end(),
                      std::back_inserter(d.missing));
  std::set_difference(actual.facts.begin(), actual.facts.end(), expected.facts.begin(), expected.facts.end(),
                      std::back_inserter(d.extra));
  return d;
}

}  // namespace miglint::exec
