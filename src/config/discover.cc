// PLACEHOLDER until src/config lands.
#include "config/settings.h"
namespace miglint::config {
bool discover_settings(const DiscoverOptions&, Settings&, std::vector<Diagnostic>&) { return false; }
std::vector<std::string> list_revision_files(const Settings&, std::vector<Diagnostic>&) { return {}; }
}
