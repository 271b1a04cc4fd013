// mediationctl: the command-line client of mediationd.
//
//   mediationctl [--server=127.0.0.1:50051] COMMAND [ARGS]
//
//   deposer FILE.json     register the saisine described by FILE.json (a
//                         mediation.v1.DeposerSaisineRequest in proto3 JSON);
//                         without request_id, one is generated and printed
//                         so that the deposit can be retried safely
//   get ID                one saisine
//   list                  saisines (--caisse --statut --depuis --jusqu_au
//                         --page_size --page_token)
//   historique ID         every event of a saisine, with its metadata
//   acte NOM FILE.json    an act: NOM is a method of MediationService
//                         (DeclarerRecevable, Orienter, EmettreRecommandation,
//                         DeciderEquite, CommuniquerConclusions, Cloturer,
//                         ConfirmerPriseEnCharge, ConvoquerProfessionnel…),
//                         of CraService (EnregistrerDecisionCra…) or of
//                         NationalService taking `commun`; FILE.json its
//                         request; --saisine and --request_id fill `commun`
//                         (a request id is generated if none)
//   requerant NIR         a requester's saisines in --caisse (default: the
//                         caller's), found by NIR; the lookup is journaled
//   echeances ID          the deadline state of a saisine today
//   file                  the open saisines of a caisse, most urgent first
//                         (--caisse, --page_size, --page_token)
//   orientations          the saisines whose orientation awaits a
//                         confirmation of take-up (same flags as file)
//   statistiques          the annual report's tables: --perimetre=caisse:CODE,
//                         region:NOM or national; --depuis_mois,
//                         --jusqu_au_mois (YYYY-MM)
//   suivi-cra             the events that concern the CRA of --caisse, from
//                         --depuis_position, at most --nombre
//   sauvegarder NOM       a consistent backup of the running store, in the
//                         server's backup directory (operateur)
//   ancrer                signs the log's head with the server's anchor key
//                         (operateur; --motif)
//   restaurer SRC DEST    offline: copies the backup SRC into the new data
//                         directory DEST and verifies the copy (hash chain,
//                         projections) before anyone serves it
//   verifier DATA_DIR     offline, server stopped: checks a store's hash chain
//                         and that its projections equal a replay of the log
//   consultations ID      who read the saisine's personal data (auditeur)
//   rejouer ID            the saisine as known at --connu_le (RFC 3339), at
//                         --position, or as it stood on day --au (YYYY-MM-DD)
//   integrite [ID]        checks the hash chain of a saisine or of the log
//   journal               follows the log from --depuis_position (--types=A,B
//                         --caisse), at most --nombre events (0: until
//                         interrupted)
//   health                the server's gRPC health status (no credentials)
//   jeton                 print a signed access token, a JWT (development
//                         identity provider): --signing_key --role
//                         --caisse_jeton --sujet [--validite_heures
//                         --issuer --audience]
//   jwks                  print the JWK Set of --cles=KEY.pem[,KEY.pem]
//                         (what mediationd's --jwks reads)
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
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "base/version.h"
#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"

namespace mediation::ctl {
namespace {

int Dispatch(const std::vector<char*>& args) {
  const std::string command = args.size() > 1 ? args[1] : "";
  const bool one_arg = args.size() == 3;
  if (command == "deposer" && one_arg) return Deposer(args[2]);
  if (command == "get" && one_arg) return Get(args[2]);
  if (command == "historique" && one_arg) return Historique(args[2]);
  if (command == "consultations" && one_arg) return Consultations(args[2]);
  if (command == "acte" && args.size() == 4) return Acte(args[2], args[3]);
  if (command == "rejouer" && one_arg) return Rejouer(args[2]);
  if (command == "integrite" && args.size() <= 3) {
    return Integrite(args.size() == 3 ? args[2] : "");
  }
  if (command == "journal" && args.size() == 2) return Journal();
  if (command == "suivi-cra" && args.size() == 2) return SuiviCra();
  if (command == "statistiques" && args.size() == 2) return Statistiques();
  if (command == "sauvegarder" && one_arg) return Sauvegarder(args[2]);
  if (command == "ancrer" && args.size() == 2) return Ancrer();
  if (command == "requerant" && one_arg) return Requerant(args[2]);
  if (command == "verifier" && one_arg) return Verifier(args[2]);
  if (command == "restaurer" && args.size() == 4) {
    return Restaurer(args[2], args[3]);
  }
  if (command == "echeances" && one_arg) return Echeances(args[2]);
  if (command == "file" && args.size() == 2) return File();
  if (command == "orientations" && args.size() == 2) return Orientations();
  if (command == "jeton" && args.size() == 2) return Jeton();
  if (command == "jwks" && args.size() == 2) return Jwks();
  if (command == "list" && args.size() == 2) return List();
  if (command == "health" && args.size() == 2) return Health();
  std::cerr << absl::ProgramUsageMessage() << "\n";
  return kUsage;
}

}  // namespace
}  // namespace mediation::ctl

int main(int argc, char** argv) {
  mediation::InstallVersionFlag("mediationctl");
  absl::SetProgramUsageMessage(
      "usage: mediationctl [--server=HOST:PORT] COMMAND [ARGS]\n"
      "  deposer FILE.json | get ID | list [--caisse= --statut= --depuis= "
      "--jusqu_au= --page_size= --page_token=] | historique ID | consultations "
      "ID "
      "| health | jeton | jwks\n"
      "  [--credentials=DIR --as=ROLE --token_file= --ca= --client_cert= "
      "--client_key= --insecure]");
  return mediation::ctl::Dispatch(absl::ParseCommandLine(argc, argv));
}
