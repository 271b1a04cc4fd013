// mediationctl: the command-line client of mediationd.
//
//   mediationctl [FLAGS] COMMAND [ARGS]     (mediationctl help [COMMAND])
//
// Commands are of two kinds: the ones written for people (below: deposer,
// get, list, rapport, journal...) and one per RPC of mediation.v1, named
// after it (declarer-recevable, enregistrer-decision-cra, ...; rpc.h), with
// short names for the common acts (recevable, irrecevable, orienter,
// recommander, conclure, cloturer). `mediationctl COMMAND --help` gives a
// command's arguments, flags and, for an RPC, its request's fields and enum
// values.
//
// Credentials come from --credentials (default $MEDIATION_CREDENTIALS, else
// ./mediation-dev, as made by deploy/make-dev-credentials.sh):
//   ca.pem                 the CA of the server's certificate (TLS)
//   jetons/<role>.jeton    the token used with --as=<role>
// --token_file, --client_cert/--client_key (mutual TLS) and --ca override
// them; --insecure speaks plaintext (loopback servers in development).
//
// Exit status: 0 on success, 1 when the server refuses or fails, 2 on bad
// usage or unreadable input.
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "base/version.h"
#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"
#include "cmd/mediationctl/rpc.h"

namespace mediation::ctl {
namespace {

using Args = std::vector<std::string>;

struct Commande {
  const char* nom;
  const char* arguments;
  size_t min_args;
  size_t max_args;
  const char* resume;
  std::vector<const char*> drapeaux;
  std::function<int(const Args&)> executer;
  // The RPC it calls ("Service.Methode"), for its help; empty when offline.
  const char* rpc = "";
};

const char* const kDrapeauxCommuns[] = {
    "server",      "credentials", "as",       "token_file",      "ca",
    "client_cert", "client_key",  "insecure", "timeout_seconds", "output"};

const std::vector<Commande>& Commandes() {
  static const auto* const kCommandes = new std::vector<Commande>{
      {"deposer",
       "FILE.json | -",
       1,
       1,
       "Registers the saisine(s) described (mediation.v1."
       "DeposerSaisineRequest in proto3 JSON; with '-', from stdin, one per "
       "line for many). Without request_id, one is generated and printed so "
       "that the deposit can be retried safely.",
       {"request_id"},
       [](const Args& a) { return Deposer(a[0]); },
       "mediation.v1.AccueilService.DeposerSaisine"},
      {"get",
       "SAISINE",
       1,
       1,
       "One saisine: its state, deadlines and, once closed, its outcome, "
       "recommandation and basis.",
       {},
       [](const Args& a) { return Get(a[0]); },
       "mediation.v1.AccueilService.GetSaisine"},
      {"list",
       "",
       0,
       0,
       "The saisines of a caisse, filtered, page by page.",
       {"caisse", "statut", "depuis", "jusqu_au", "page_size", "page_token"},
       [](const Args&) { return List(); },
       "mediation.v1.AccueilService.ListSaisines"},
      {"historique",
       "SAISINE",
       1,
       1,
       "Every event of a saisine, with its metadata (auditeur).",
       {},
       [](const Args& a) { return Historique(a[0]); },
       "mediation.v1.AuditService.GetHistorique"},
      {"acte",
       "METHODE FILE.json | -",
       2,
       2,
       "An act by its method name (DeclarerRecevable, Cloturer, "
       "EnregistrerDecisionCra, ...) and its request in JSON; the same as "
       "the RPC's own command.",
       {"saisine", "request_id"},
       [](const Args& a) { return Acte(a[0], a[1]); }},
      {"requerant",
       "NIR",
       1,
       1,
       "A requester's saisines in --caisse (default: the caller's), found by "
       "NIR; the lookup is journaled.",
       {"caisse"},
       [](const Args& a) { return Requerant(a[0]); },
       "mediation.v1.MediationService.ListSaisinesDuRequerant"},
      {"echeances",
       "SAISINE",
       1,
       1,
       "The deadline state of a saisine today.",
       {},
       [](const Args& a) { return Echeances(a[0]); },
       "mediation.v1.MediationService.GetEcheances"},
      {"file",
       "",
       0,
       0,
       "The open saisines of a caisse, most urgent first.",
       {"caisse", "page_size", "page_token"},
       [](const Args&) { return File(); },
       "mediation.v1.MediationService.ListParUrgence"},
      {"orientations",
       "",
       0,
       0,
       "The saisines whose orientation awaits a confirmation of take-up.",
       {"caisse", "page_size", "page_token"},
       [](const Args&) { return Orientations(); },
       "mediation.v1.MediationService.ListOrientationsAConfirmer"},
      {"statistiques",
       "",
       0,
       0,
       "The annual report's tables, as JSON (see rapport for the report).",
       {"perimetre", "annee", "depuis_mois", "jusqu_au_mois"},
       [](const Args&) { return Statistiques(); },
       "mediation.v1.NationalService.GetStatistiques"},
      {"rapport",
       "",
       0,
       0,
       "The activity report of a caisse, a region or the nation over a year "
       "or a range of months: rapport.html (tables and charts, in French), "
       "one CSV per table beside it, and rapport.pdf printed by headless "
       "Chromium.",
       {"perimetre", "annee", "depuis_mois", "jusqu_au_mois", "sortie",
        "modele", "pdf", "chromium", "annees_comparees", "titre", "caisses"},
       [](const Args&) { return Rapport(); },
       "mediation.v1.NationalService.GetStatistiques"},
      {"export",
       "",
       0,
       0,
       "The saisines of --caisse received between --depuis and --jusqu_au "
       "(YYYY-MM-DD) as CSV (';', UTF-8): state, outcome, dates, processing "
       "time; the requester's name and NIR as your role may see them (the "
       "read is journaled for auditors).",
       {"caisse", "depuis", "jusqu_au", "sortie"},
       [](const Args&) { return Exporter(); },
       "mediation.v1.AccueilService.ListSaisines"},
      {"lettre",
       "TYPE SAISINE",
       2,
       2,
       "A letter to the requester, from the saisine and its deadlines: "
       "TYPE recevabilite (acknowledgement of admissibility, the appeal "
       "deadline's suspension), irrecevabilite (why, and where it was "
       "sent), cloture (the outcome, the recommandations and, when the "
       "appeal deadline was suspended, the date until which the requester "
       "may appeal). lettre-TYPE.html and its PDF.",
       {"sortie", "modele", "pdf", "chromium", "caisses"},
       [](const Args& a) { return Lettre(a[0], a[1]); },
       "mediation.v1.AccueilService.GetSaisine"},
      {"suivi-cra",
       "",
       0,
       0,
       "The events that concern the CRA of --caisse, from --depuis_position; "
       "with --nombre, stops after that many or at the log's end (--suivre "
       "to wait for more).",
       {"caisse", "depuis_position", "nombre", "suivre"},
       [](const Args&) { return SuiviCra(); },
       "mediation.v1.CraService.SuivreSaisines"},
      {"journal",
       "",
       0,
       0,
       "The log from --depuis_position (auditeur), filtered by --types and "
       "--caisse; stops at the log's end, or after --nombre events; "
       "--suivre waits for new events until interrupted.",
       {"depuis_position", "types", "caisse", "nombre", "suivre"},
       [](const Args&) { return Journal(); },
       "mediation.v1.AuditService.SouscrireJournal"},
      {"consultations",
       "SAISINE",
       1,
       1,
       "Who read the saisine's personal data (auditeur).",
       {},
       [](const Args& a) { return Consultations(a[0]); },
       "mediation.v1.AuditService.ListConsultations"},
      {"rejouer",
       "SAISINE",
       1,
       1,
       "The saisine as known at --connu_le, at --position, or as it stood on "
       "day --au (auditeur).",
       {"connu_le", "position", "au"},
       [](const Args& a) { return Rejouer(a[0]); },
       "mediation.v1.AuditService.RejouerAuPoint"},
      {"integrite",
       "[SAISINE]",
       0,
       1,
       "Checks the hash chain of a saisine, or of the whole log.",
       {},
       [](const Args& a) { return Integrite(a.empty() ? "" : a[0]); },
       "mediation.v1.AuditService.VerifierIntegrite"},
      {"sauvegarder",
       "NOM",
       1,
       1,
       "A consistent backup of the running store, in the server's backup "
       "directory (operateur).",
       {},
       [](const Args& a) { return Sauvegarder(a[0]); },
       "mediation.v1.AdministrationService.Sauvegarder"},
      {"ancrer",
       "",
       0,
       0,
       "Signs the log's head with the server's anchor key (operateur).",
       {"motif"},
       [](const Args&) { return Ancrer(); },
       "mediation.v1.AdministrationService.AncrerJournal"},
      {"verifier",
       "DATA_DIR",
       1,
       1,
       "Offline, server stopped: checks a store's hash chain and that its "
       "projections equal a replay of the log. The store is not rewritten: "
       "projections built under another format, referential or key are "
       "reported, not compared.",
       {"caisses", "cle_index_nir", "cle_ancrage_publique"},
       [](const Args& a) { return Verifier(a[0]); }},
      {"restaurer",
       "SOURCE DEST",
       2,
       2,
       "Offline: copies the backup SOURCE into the new data directory DEST "
       "and verifies the copy before anyone serves it.",
       {"caisses", "cle_index_nir", "cle_ancrage_publique"},
       [](const Args& a) { return Restaurer(a[0], a[1]); }},
      {"health",
       "",
       0,
       0,
       "The server's gRPC health status (no credentials).",
       {},
       [](const Args&) { return Health(); },
       "grpc.health.v1.Health.Check"},
      {"jeton",
       "",
       0,
       0,
       "Prints a signed access token, a JWT (development identity provider).",
       {"signing_key", "role", "caisse_jeton", "sujet", "validite_heures",
        "issuer", "audience"},
       [](const Args&) { return Jeton(); }},
      {"jwks",
       "",
       0,
       0,
       "Prints the JWK Set of --cles (what mediationd's --jwks reads).",
       {"cles"},
       [](const Args&) { return Jwks(); }},
  };
  return *kCommandes;
}

const Commande* Trouver(const std::string& nom) {
  for (const Commande& c : Commandes()) {
    if (nom == c.nom) return &c;
  }
  return nullptr;
}

void AideDrapeau(const char* nom, std::ostream& out) {
  const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(nom);
  if (flag == nullptr) return;
  out << "  --" << nom;
  if (!flag->DefaultValue().empty())
    out << " (default " << flag->DefaultValue() << ")";
  out << "\n      " << flag->Help() << "\n";
}

void AideGenerale(std::ostream& out) {
  out << "usage: mediationctl [FLAGS] COMMAND [ARGS]\n"
         "       mediationctl COMMAND --help   (a command's arguments and "
         "flags)\n\nCommands:\n";
  for (const Commande& c : Commandes()) {
    out << "  " << c.nom << (std::strlen(c.arguments) ? " " : "") << c.arguments
        << "\n";
  }
  out << "\nOne command per RPC (its request from flags, FILE.json or -):\n";
  std::string service;
  for (const auto* method : ToutesLesRpc()) {
    if (method->service()->name() != service) {
      service = method->service()->name();
      out << "  " << service << ":\n";
    }
    out << "    " << NomCommande(method)
        << (method->server_streaming() ? "  (a stream: see journal, suivi-cra)"
                                       : "")
        << "\n";
  }
  out << "  Short names: recevable, irrecevable, orienter, recommander, "
         "conclure, cloturer.\n\nFlags of every command:\n";
  for (const char* nom : kDrapeauxCommuns) AideDrapeau(nom, out);
}

int Aide(const std::string& commande) {
  if (commande.empty()) {
    AideGenerale(std::cout);
    return kOk;
  }
  if (const Commande* c = Trouver(commande)) {
    std::cout << "usage: mediationctl " << c->nom
              << (std::strlen(c->arguments) ? " " : "") << c->arguments
              << "\n\n"
              << c->resume << "\n";
    if (!c->drapeaux.empty()) std::cout << "\nFlags:\n";
    for (const char* nom : c->drapeaux) AideDrapeau(nom, std::cout);
    if (std::strlen(c->rpc) > 0) std::cout << "\nCalls " << c->rpc << ".\n";
    std::cout << "\nAnd the flags of every command (mediationctl help).\n";
    return kOk;
  }
  if (const auto* method = RpcDeCommande(commande)) {
    AideRpc(method, std::cout);
    return kOk;
  }
  std::cerr << "mediationctl: no command " << commande
            << " (mediationctl help lists them)\n";
  return kUsage;
}

int Dispatch(const std::vector<char*>& argv) {
  if (argv.size() < 2) {
    AideGenerale(std::cerr);
    return kUsage;
  }
  const std::string commande = argv[1];
  const Args args(argv.begin() + 2, argv.end());
  if (commande == "help") return Aide(args.empty() ? "" : args[0]);
  if (const Commande* c = Trouver(commande)) {
    if (args.size() < c->min_args || args.size() > c->max_args) {
      std::cerr << "usage: mediationctl " << c->nom << " " << c->arguments
                << "   (mediationctl " << c->nom << " --help)\n";
      return kUsage;
    }
    return c->executer(args);
  }
  if (const auto* method = RpcDeCommande(commande)) {
    return AppelerRpc(method, args);
  }
  std::cerr << "mediationctl: no command " << commande
            << " (mediationctl help lists them)\n";
  return kUsage;
}

// `COMMAND --help` (or -h) anywhere: that command's help, before the flags
// are parsed (absl's --help would list every flag of the program).
bool DemandeAide(int argc, char** argv, std::string* commande) {
  bool aide = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "-help") {
      aide = true;
    } else if (commande->empty() && arg.rfind("-", 0) != 0) {
      *commande = arg;
    }
  }
  return aide;
}

}  // namespace
}  // namespace mediation::ctl

int main(int argc, char** argv) {
  mediation::InstallVersionFlag("mediationctl");
  absl::SetProgramUsageMessage(
      "usage: mediationctl [FLAGS] COMMAND [ARGS]; mediationctl help");
  std::string commande;
  if (mediation::ctl::DemandeAide(argc, argv, &commande)) {
    return mediation::ctl::Aide(commande);
  }
  return mediation::ctl::Dispatch(absl::ParseCommandLine(argc, argv));
}
