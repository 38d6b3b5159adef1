#include "domain/audit.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "domain/date.h"
#include "domain/role.h"

namespace koers::domain {

std::string audit_action_key(AuditAction a) {
  switch (a) {
    case AuditAction::kView: return "view";
    case AuditAction::kCreate: return "create";
    case AuditAction::kUpdate: return "update";
    case AuditAction::kDelete: return "delete";
    case AuditAction::kImport: return "import";
    case AuditAction::kExport: return "export";
    case AuditAction::kLogin: return "login";
    case AuditAction::kLogout: return "logout";
    case AuditAction::kLoginFailed: return "login_failed";
    case AuditAction::kRefused: return "refused";
    case AuditAction::kLoginBlocked: return "login_blocked";
    case AuditAction::kChainKeyed: return "chain_keyed";
  }
  return "";
}

std::string audit_action_label(const std::string& key) {
  if (key == "view") return "bekeken";
  if (key == "create") return "aangemaakt";
  if (key == "update") return "gewijzigd";
  if (key == "delete") return "verwijderd";
  if (key == "import") return "geïmporteerd";
  if (key == "export") return "geëxporteerd";
  if (key == "login") return "ingelogd";
  if (key == "logout") return "uitgelogd";
  if (key == "login_failed") return "mislukte inlog";
  if (key == "refused") return "geweigerd";
  if (key == "login_blocked") return "inloggen geweigerd (rem)";
  if (key == "chain_keyed") return "audittrail beveiligd";
  return key;
}

std::string audit_hash_input(const AuditEntry& e) {
  // Unit separators keep fields from running into each other.
  std::string text = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", e.seq,
                                 e.at, e.account_id, e.username, e.role, e.on_behalf_of, e.school_id,
                                 e.pupil_id, e.action, e.object, e.detail, e.prev_hash);
  // Appended only when present, so every line written before views had lists hashes as before.
  if (!e.pupil_ids.empty()) text += fmt::format("\x1fpupils:{}", fmt::join(e.pupil_ids, ","));
  if (!e.address.empty()) text += fmt::format("\x1f" "address:{}", e.address);
  return text;
}

std::vector<Id> audit_pupils(const AuditEntry& e) {
  if (e.pupil_id) return {e.pupil_id};
  return e.pupil_ids;
}

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The thing an object names, with its article: "groepsoverzicht 5/6 (…)" → "het groepsoverzicht
// van groep 5/6 (…)". `group`: the rest of the object is a group's name.
struct Noun {
  const char* key;
  const char* phrase;
  bool group = false;
};
const Noun kNouns[] = {
    {"stamkaart", "de stamkaart"},
    {"groepslijst", "de groepslijst", true},
    {"groepsoverzicht", "het groepsoverzicht", true},
    {"groepsplan", "het groepsplan", true},
    {"signaleringsoverzicht", "het signaleringsoverzicht"},
    {"signaleringsafspraken", "de signaleringsafspraken"},
    {"signalen", "de signalen"},
    {"signaal", "het signaal"},
    {"audittrail", "de audittrail"},
    {"toegangslog", "de toegangslog"},
    {"leerlinggegevens", "de gegevens van een leerling"},
    {"leerlinggegevens via de API", "de gegevens van een leerling via de API"},
    {"mijn kind", "de pagina Mijn kind"},
    {"toetsresultaten", "de toetsresultaten"},
    {"toetsresultaat", "toetsresultaten"},
    {"groeidocument", "het groeidocument"},
    {"aanpak", "de aanpak"},
    {"AVI-niveau", "het AVI-niveau"},
    {"methodetoets", "de methodetoets"},
    {"onderwijsbehoefte", "een onderwijsbehoefte"},
    {"beschermende factor", "een beschermende factor"},
    {"belemmerende factor", "een belemmerende factor"},
    {"account", "het account"},
    {"leerlingadministratie", "de leerlingadministratie"},
    {"schoolkalender", "de schoolkalender"},
    {"vakantie", "een vakantie of vrije dag"},
    {"vakanties", "de vakanties"},
    {"normeringsgrenzen", "de normeringsgrenzen"},
    {"kolomkoppeling", "de kolomkoppeling"},
    {"schoolinstellingen", "de schoolinstellingen"},
    {"afspraak", "de afspraak"},
    {"Groepsbespreking", "de groepsbespreking"},
    {"Leerlingbespreking", "de leerlingbespreking"},
    {"Zorgteamoverleg", "het zorgteamoverleg"},
    {"Adviesgesprek HGD", "het adviesgesprek HGD"},
    {"casus", "de zorgteamcasus"},
    {"casusdossier", "het casusdossier van zorgteamcasus"},
    {"toestemming", "de toestemming"},
    {"HGD", "de HGD-aanvraag"},
};

std::string object_phrase(const std::string& object) {
  for (const Noun& n : kNouns) {
    const std::string key = n.key;
    if (object == key) return n.phrase;
    if (!starts_with(object, key + " ")) continue;
    std::string rest = object.substr(key.size() + 1);
    if (!n.group) return fmt::format("{} {}", n.phrase, rest);
    if (starts_with(rest, "groep ")) rest.erase(0, 6);
    return fmt::format("{} van groep {}", n.phrase, rest);
  }
  return object;
}

// The verb in the past tense and, for a separable one, its particle ("maakte … aan").
struct Verb {
  const char* verb;
  const char* particle;
};
Verb verb_of(const AuditEntry& e) {
  if (e.action == "view") return {"bekeek", ""};
  if (e.action == "create") return starts_with(e.object, "account") ? Verb{"maakte", "aan"} : Verb{"legde", "vast"};
  if (e.action == "update") return {"wijzigde", ""};
  if (e.action == "delete") return {"verwijderde", ""};
  if (e.action == "import") return {"importeerde", ""};
  if (e.action == "export") return {"exporteerde", ""};
  return {"", ""};
}

// A view's detail once was the request line ("GET /api/v1/…"); what it tells is the way in.
std::string view_detail(const std::string& detail) {
  if (detail.empty()) return "";
  if (starts_with(detail, "GET /api/") || detail == "via de API") return " via de API";
  if (starts_with(detail, "GET ") || starts_with(detail, "POST ") || starts_with(detail, "PUT ")) return "";
  return ": " + detail;
}

}  // namespace

std::string audit_sentence(const AuditEntry& e) {
  if (e.action == "login") return "logde in";
  if (e.action == "logout") return "logde uit";
  if (e.action == "login_failed") return "probeerde in te loggen (mislukt)";
  if (e.action == "login_blocked") return "probeerde in te loggen; geweigerd door de rem op mislukte pogingen";
  if (e.action == "chain_keyed")
    return "beveiligde de audittrail vanaf hier met een sleutel buiten de database";
  if (e.forgotten)
    return fmt::format("{} (inhoud gewist: de leerling is na de bewaartermijn vergeten)", audit_action_label(e.action));
  if (e.action == "refused")
    return fmt::format("kreeg geen toegang tot {}{}", object_phrase(e.object), e.detail.empty() ? "" : ": " + e.detail);
  Verb v = verb_of(e);
  if (!*v.verb) return fmt::format("{} {}{}", audit_action_label(e.action), e.object, e.detail.empty() ? "" : ": " + e.detail);
  std::string text = fmt::format("{} {}", v.verb, object_phrase(e.object));
  if (*v.particle) text += fmt::format(" {}", v.particle);
  if (e.action == "view") return text + view_detail(e.detail);
  if (e.detail.empty()) return text;
  // A chosen value: the approach or reading level it became.
  if (e.action == "update" && (starts_with(e.object, "aanpak ") || starts_with(e.object, "AVI-niveau ")))
    return fmt::format("{} naar {}", text, e.detail);
  return fmt::format("{}: {}", text, e.detail);
}

std::string audit_who(const AuditEntry& e) {
  std::string role;
  if (auto r = role_from_key(e.role)) {
    role = std::string(role_label(*r));
    if (!role.empty() && role[0] >= 'A' && role[0] <= 'Z') role[0] = static_cast<char>(role[0] - 'A' + 'a');
  } else {
    role = e.role;
  }
  const std::string& name = e.account_name.empty() ? e.username : e.account_name;
  return role.empty() ? name : fmt::format("{} ({})", name, role);
}

const std::vector<AuditKind>& audit_kinds() {
  static const std::vector<AuditKind> kinds = {
      {"bekeken", "Bekeken", {"view"}},
      {"gewijzigd", "Vastgelegd, gewijzigd of verwijderd", {"create", "update", "delete", "import"}},
      {"geexporteerd", "Geëxporteerd", {"export"}},
      {"inloggen", "In- en uitloggen", {"login", "logout", "login_failed"}},
      {"geweigerd", "Geweigerd", {"refused", "login_blocked"}},
  };
  return kinds;
}

const AuditKind* find_audit_kind(const std::string& key) {
  for (const AuditKind& k : audit_kinds())
    if (k.key == key) return &k;
  return nullptr;
}

namespace {
// Seconds since 1970 of "2026-11-28T13:29:05Z"; nullopt for anything else.
std::optional<long long> seconds_of(const std::string& at) {
  if (at.size() < 19 || at[10] != 'T') return std::nullopt;
  auto day = parse_iso_date(at.substr(0, 10));
  if (!day) return std::nullopt;
  auto num = [&](size_t pos) {
    if (at[pos] < '0' || at[pos] > '9' || at[pos + 1] < '0' || at[pos + 1] > '9') return -1;
    return (at[pos] - '0') * 10 + (at[pos + 1] - '0');
  };
  int h = num(11), m = num(14), s = num(17);
  if (h < 0 || m < 0 || s < 0) return std::nullopt;
  return static_cast<long long>(days_between(Date{1970, 1, 1}, *day)) * 86400 + h * 3600 + m * 60 + s;
}
}  // namespace

std::vector<AuditLine> fold_repeated_views(const std::vector<AuditEntry>& newest_first, int window_minutes) {
  std::vector<AuditLine> out;
  // Per person and thing seen: the line still open for folding, and its newest view's time.
  std::map<std::tuple<Id, std::string, std::string>, std::pair<size_t, long long>> open;
  for (const AuditEntry& e : newest_first) {
    auto t = seconds_of(e.at);
    if (e.action != "view" || !t) {
      out.push_back({e, 1, e.at});
      continue;
    }
    auto key = std::make_tuple(e.account_id, e.username, audit_sentence(e));
    auto it = open.find(key);
    if (it != open.end() && it->second.second - *t <= window_minutes * 60LL) {
      AuditLine& line = out[it->second.first];
      ++line.count;
      line.first_at = e.at;
      continue;
    }
    open[key] = {out.size(), *t};
    out.push_back({e, 1, e.at});
  }
  return out;
}

}  // namespace koers::domain
