// Identifier quoting as SQLAlchemy 1.4's PostgreSQL dialect prints it.
#pragma once

#include <string>
#include <string_view>

namespace miglint::alembic {

// SQLAlchemy's PostgreSQL IdentifierPreparer: quote reserved words, names with capitals,
// non-identifier characters or a leading digit/`$`; double embedded quotes.
std::string quote_ident(std::string_view name);

}  // namespace miglint::alembic
