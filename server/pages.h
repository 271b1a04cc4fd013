// Pages: the activity report and the dashboard over HTTPS, for people with
// a browser (cpp-httplib, Debian's libcpp-httplib-dev).
//
//   GET /tableau-de-bord[?annee=YYYY |
//   ?depuis_mois=YYYY-MM&jusqu_au_mois=YYYY-MM]
//       the viewer's perimeter: its key figures, the caisses ranked by
//       volume, processing time and shares on time, the regions (for
//       principals of every caisse); each line links to its report
//   GET /rapport?perimetre=caisse:591|region:NOM|national[&period]
//       the activity report (report/rapport.h), as mediationctl rapport
//       writes it
//   GET /rapport/FICHIER.csv?perimetre=…[&period]   one of its tables
//
// The period defaults to the current year. Authentication is gRPC's: a
// bearer token in the Authorization header, or a client certificate
// (optional at the TLS handshake, verified against the same CA); the role
// must be allowed GetStatistiques and the perimeter within the principal's
// caisse, or the answer is 401 / 403 with a French message. Answers are
// never cached (Cache-Control: no-store) and may load nothing from outside
// (Content-Security-Policy). Each request is logged as one line.
//
// Thread safety: requests are served on the server's own threads; Stop may
// be called from any thread.
#ifndef MEDIATION_SERVER_PAGES_H_
#define MEDIATION_SERVER_PAGES_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "server/server.h"
#include "services/dependencies.h"

namespace httplib {
class SSLServer;
}

namespace mediation {

class Pages {
 public:
  // Serves on `address` (host:port; port 0 picks one). UNAVAILABLE when it
  // cannot be bound, INVALID_ARGUMENT for an unusable certificate or key.
  // `deps` must outlive the pages.
  static absl::StatusOr<std::unique_ptr<Pages>> Start(
      const std::string& address, const TlsOptions& tls,
      const Dependencies& deps);
  // Stops (requests in flight finish).
  ~Pages();

  int port() const { return port_; }

 private:
  Pages() = default;

  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace mediation

#endif  // MEDIATION_SERVER_PAGES_H_
