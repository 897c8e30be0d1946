#include "alembic/revision.h"

#include "python/ast.h"

namespace miglint::alembic {
namespace {
std::vector<std::string> values_of(const RevisionVariable& v) {
  std::vector<std::string> out;
  if (v.form == ValueForm::String || v.form == ValueForm::Sequence) {
    out.reserve(v.values.size());
    for (const auto& s : v.values) out.push_back(s.value);
  }
  return out;
}
}  // namespace

bool Revision::parsed_cleanly() const { return !module || !module->has_errors; }

const std::string& Revision::id() const {
  static const std::string empty;
  if (revision.form == ValueForm::String && revision.values.size() == 1) return revision.values[0].value;
  return empty;
}

std::vector<std::string> Revision::down_ids() const { return values_of(down_revision); }
std::vector<std::string> Revision::labels() const { return values_of(branch_labels); }
std::vector<std::string> Revision::dependencies() const { return values_of(depends_on); }

}  // namespace miglint::alembic
