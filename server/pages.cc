#include "server/pages.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <functional>
#include <set>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "base/thread_name.h"
#include "httplib.h"
#include "report/format.h"
#include "report/rapport.h"
#include "report/tableau_de_bord.h"
#include "security/authorization.h"
#include "server/caisses.h"
#include "services/national_service.h"

namespace mediation {
namespace {

constexpr int kAnneesComparees = 4;

struct Page {
  std::string type = "text/html; charset=utf-8";
  std::string corps;
  std::string fichier;  // for a download: its name
};

Page Html(std::string corps) {
  Page page;
  page.corps = std::move(corps);
  return page;
}

// The PEM certificates of `pem`, in order (the caller frees them).
std::vector<X509*> Certificats(const std::string& pem) {
  std::vector<X509*> out;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    out.push_back(cert);
  }
  BIO_free(bio);
  ERR_clear_error();  // The end of the PEM reads as an error.
  return out;
}

// The server's certificate chain and key, and the CA of the optional client
// certificates, into `ctx`.
bool ConfigurerTls(SSL_CTX& ctx, const TlsOptions& tls) {
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  std::vector<X509*> chaine = Certificats(tls.certificate_chain_pem);
  if (chaine.empty()) return false;
  bool ok = SSL_CTX_use_certificate(&ctx, chaine[0]) == 1;
  X509_free(chaine[0]);
  for (size_t i = 1; i < chaine.size(); ++i) {
    // The context takes the intermediate certificates.
    if (SSL_CTX_add_extra_chain_cert(&ctx, chaine[i]) != 1) {
      X509_free(chaine[i]);
      ok = false;
    }
  }
  BIO* bio = BIO_new_mem_buf(tls.private_key_pem.data(),
                             static_cast<int>(tls.private_key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ok = ok && key != nullptr && SSL_CTX_use_PrivateKey(&ctx, key) == 1 &&
       SSL_CTX_check_private_key(&ctx) == 1;
  EVP_PKEY_free(key);
  if (!tls.client_ca_pem.empty()) {
    X509_STORE* store = SSL_CTX_get_cert_store(&ctx);
    for (X509* ca : Certificats(tls.client_ca_pem)) {
      ok = ok && X509_STORE_add_cert(store, ca) == 1 &&
           SSL_CTX_add_client_CA(&ctx, ca) == 1;
      X509_free(ca);
    }
    // Asked for, not required: people come with a token. One presented
    // must verify, or the handshake fails.
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, nullptr);
  }
  return ok;
}

// The URI subject alternative names of the client certificate TLS verified.
std::vector<std::string> UrisDuCertificat(const SSL* ssl) {
  std::vector<std::string> uris;
  if (ssl == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) return uris;
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (cert == nullptr) return uris;
  auto* noms = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; noms != nullptr && i < sk_GENERAL_NAME_num(noms); ++i) {
    const GENERAL_NAME* nom = sk_GENERAL_NAME_value(noms, i);
    if (nom->type != GEN_URI) continue;
    const ASN1_IA5STRING* uri = nom->d.uniformResourceIdentifier;
    uris.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                      ASN1_STRING_length(uri));
  }
  GENERAL_NAMES_free(noms);
  X509_free(cert);
  return uris;
}

int CodeHttp(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kResourceExhausted:
      return 503;
    default:
      return 500;
  }
}

std::string PageErreur(int code, const absl::Status& status) {
  const char* titre = code == 401   ? "Identification requise"
                      : code == 403 ? "Accès refusé"
                      : code == 400 ? "Demande invalide"
                      : code == 404 ? "Page introuvable"
                                    : "Service indisponible";
  return absl::StrCat(
      "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
      "<title>",
      titre, "</title></head><body><h1>", titre, "</h1><p>",
      report::EchapperHtml(status.message()), "</p></body></html>\n");
}

struct Periode {
  absl::CivilMonth depuis;
  absl::CivilMonth jusqu_au;
  std::string requete;  // as the page's links repeat it
};

absl::StatusOr<Periode> LirePeriode(const httplib::Request& req,
                                    absl::CivilDay aujourd_hui) {
  if (req.has_param("depuis_mois") || req.has_param("jusqu_au_mois")) {
    Periode p;
    const std::string depuis = req.get_param_value("depuis_mois");
    const std::string jusqu_au = req.get_param_value("jusqu_au_mois");
    if (depuis.size() != 7 || !absl::ParseCivilTime(depuis, &p.depuis) ||
        jusqu_au.size() != 7 || !absl::ParseCivilTime(jusqu_au, &p.jusqu_au) ||
        p.jusqu_au < p.depuis) {
      return absl::InvalidArgumentError(
          "depuis_mois, jusqu_au_mois : deux mois AAAA-MM, dans l'ordre");
    }
    p.requete =
        absl::StrCat("depuis_mois=", depuis, "&jusqu_au_mois=", jusqu_au);
    return p;
  }
  int annee = static_cast<int>(aujourd_hui.year());
  if (req.has_param("annee") &&
      (!absl::SimpleAtoi(req.get_param_value("annee"), &annee) ||
       annee < 2000 || annee > 2100)) {
    return absl::InvalidArgumentError("annee : une année AAAA");
  }
  return Periode{absl::CivilMonth(annee, 1), absl::CivilMonth(annee, 12),
                 absl::StrCat("annee=", annee)};
}

// The perimeter a page asks for; the principal's own by default.
absl::StatusOr<v1::GetStatistiquesRequest> LirePerimetre(
    const httplib::Request& req, const Principal& principal) {
  v1::GetStatistiquesRequest request;
  std::string perimetre = req.get_param_value("perimetre");
  if (perimetre.empty()) {
    perimetre = principal.caisse == kToutesCaisses
                    ? "national"
                    : absl::StrCat("caisse:", principal.caisse);
  }
  if (perimetre == "national") {
    request.set_national(true);
  } else if (absl::StartsWith(perimetre, "caisse:")) {
    request.set_caisse(perimetre.substr(7));
  } else if (absl::StartsWith(perimetre, "region:")) {
    request.set_region(perimetre.substr(7));
  } else {
    return absl::InvalidArgumentError(
        "perimetre : caisse:CODE, region:NOM ou national");
  }
  return request;
}

class Site {
 public:
  explicit Site(const Dependencies& deps) : deps_(deps) {}

  // Authenticates, checks the role, serves `page`, logs.
  void Servir(
      const httplib::Request& req, httplib::Response& res,
      const std::function<absl::StatusOr<Page>(const Principal&)>& page) const {
    const absl::Time debut = absl::Now();
    std::string header;
    std::optional<absl::string_view> authorization;
    if (req.has_header("Authorization")) {
      header = req.get_header_value("Authorization");
      authorization = header;
    }
    absl::StatusOr<Principal> principal =
        deps_.authenticator->AuthenticateCredentials(authorization,
                                                     UrisDuCertificat(req.ssl));
    absl::StatusOr<Page> resultat = absl::UnknownError("");
    if (!principal.ok()) {
      resultat = principal.status();
    } else if (absl::Status role =
                   CheckRoleMay(*principal, rpc::kGetStatistiques);
               !role.ok()) {
      resultat = role;
    } else {
      resultat = page(*principal);
    }
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; "
                   "img-src data:; frame-ancestors 'none'");
    res.set_header("Referrer-Policy", "no-referrer");
    if (resultat.ok()) {
      res.status = 200;
      if (!resultat->fichier.empty()) {
        res.set_header(
            "Content-Disposition",
            absl::StrCat("attachment; filename=\"", resultat->fichier, "\""));
      }
      res.set_content(resultat->corps, resultat->type.c_str());
    } else {
      res.status = CodeHttp(resultat.status());
      if (res.status == 401) {
        res.set_header("WWW-Authenticate", "Bearer realm=\"mediation\"");
      }
      res.set_content(PageErreur(res.status, resultat.status()),
                      "text/html; charset=utf-8");
    }
    Log(res.status >= 500 ? LogLevel::kWarning : LogLevel::kInfo, "page",
        {{"method", req.method},
         {"path", req.path},
         {"status", res.status},
         {"principal", principal.ok() ? principal->Acteur() : ""},
         {"latency_ms", absl::ToDoubleMilliseconds(absl::Now() - debut)}});
  }

  absl::StatusOr<report::Rapport> Rapport(const httplib::Request& req,
                                          const Principal& principal) const {
    ASSIGN_OR_RETURN(Periode periode, LirePeriode(req, Aujourdhui()));
    ASSIGN_OR_RETURN(v1::GetStatistiquesRequest base,
                     LirePerimetre(req, principal));
    report::DonneesRapport donnees;
    donnees.titre = NomDuPerimetre(*deps_.caisses, base);
    donnees.genere_le = Aujourdhui();
    RETURN_IF_ERROR(report::Rassembler(periode.depuis, periode.jusqu_au,
                                       kAnneesComparees,
                                       Source(principal, base), &donnees));
    return report::GenererRapport(donnees, report::ModeleRapportParDefaut());
  }

  absl::StatusOr<Page> TableauDeBord(const httplib::Request& req,
                                     const Principal& principal) const {
    ASSIGN_OR_RETURN(Periode periode, LirePeriode(req, Aujourdhui()));
    report::DonneesTableauDeBord d;
    d.requete_periode = periode.requete;
    d.genere_le = Aujourdhui();
    v1::GetStatistiquesRequest ensemble;
    if (principal.caisse == kToutesCaisses) {
      ensemble.set_national(true);
      d.titre = "Ensemble des caisses";
    } else {
      ensemble.set_caisse(principal.caisse);
      d.titre = NomDuPerimetre(*deps_.caisses, ensemble);
    }
    auto source = [&](const v1::GetStatistiquesRequest& r) {
      return Source(principal, r)(periode.depuis, periode.jusqu_au);
    };
    ASSIGN_OR_RETURN(d.ensemble, source(ensemble));
    std::set<std::string> regions;
    for (const Caisse& caisse : deps_.caisses->caisses()) {
      if (!principal.Couvre(caisse.code)) continue;
      v1::GetStatistiquesRequest r;
      r.set_caisse(caisse.code);
      ASSIGN_OR_RETURN(v1::Statistiques s, source(r));
      d.caisses.push_back({absl::StrCat("caisse:", caisse.code), caisse.nom,
                           caisse.region, std::move(s)});
      regions.insert(caisse.region);
    }
    if (principal.caisse == kToutesCaisses) {
      for (const std::string& region : regions) {
        v1::GetStatistiquesRequest r;
        r.set_region(region);
        ASSIGN_OR_RETURN(v1::Statistiques s, source(r));
        d.regions.push_back(
            {absl::StrCat("region:", region), region, "", std::move(s)});
      }
    }
    ASSIGN_OR_RETURN(std::string html,
                     report::GenererTableauDeBord(
                         d, report::ModeleTableauDeBordParDefaut()));
    return Html(std::move(html));
  }

 private:
  report::SourceStatistiques Source(
      const Principal& principal,
      const v1::GetStatistiquesRequest& base) const {
    return [this, principal, base](
               absl::CivilMonth depuis,
               absl::CivilMonth jusqu_au) -> absl::StatusOr<v1::Statistiques> {
      v1::GetStatistiquesRequest request = base;
      request.set_depuis(absl::FormatCivilTime(depuis));
      request.set_jusqu_au(absl::FormatCivilTime(jusqu_au));
      v1::Statistiques out;
      RETURN_IF_ERROR(CalculerStatistiques(deps_, principal, request, &out));
      return out;
    };
  }

  absl::CivilDay Aujourdhui() const {
    return absl::CivilDay(
        absl::ToCivilSecond(deps_.clock->Now(), absl::LocalTimeZone()));
  }

  const Dependencies deps_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Pages>> Pages::Start(const std::string& address,
                                                    const TlsOptions& tls,
                                                    const Dependencies& deps) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("pages_listen: expected host:port, got ", address));
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') {
    host = host.substr(1, host.size() - 2);
  }
  std::unique_ptr<Pages> pages(new Pages());
  bool tls_ok = false;
  pages->server_ =
      std::make_unique<httplib::SSLServer>([&tls, &tls_ok](SSL_CTX& ctx) {
        tls_ok = ConfigurerTls(ctx, tls);
        return tls_ok;
      });
  if (!tls_ok || !pages->server_->is_valid()) {
    return absl::InvalidArgumentError(
        "pages: the TLS certificate or key cannot be used");
  }
  auto site = std::make_shared<Site>(deps);
  httplib::SSLServer& server = *pages->server_;
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/tableau-de-bord");
  });
  server.Get("/tableau-de-bord",
             [site](const httplib::Request& req, httplib::Response& res) {
               site->Servir(req, res, [&](const Principal& principal) {
                 return site->TableauDeBord(req, principal);
               });
             });
  server.Get(
      "/rapport", [site](const httplib::Request& req, httplib::Response& res) {
        site->Servir(req, res,
                     [&](const Principal& principal) -> absl::StatusOr<Page> {
                       ASSIGN_OR_RETURN(report::Rapport rapport,
                                        site->Rapport(req, principal));
                       return Html(std::move(rapport.html));
                     });
      });
  server.Get(R"(/rapport/([a-z_]+\.csv))", [site](const httplib::Request& req,
                                                  httplib::Response& res) {
    const std::string fichier = req.matches[1];
    site->Servir(
        req, res, [&](const Principal& principal) -> absl::StatusOr<Page> {
          ASSIGN_OR_RETURN(report::Rapport rapport,
                           site->Rapport(req, principal));
          for (auto& [nom, csv] : rapport.csv) {
            if (nom == fichier) {
              return Page{"text/csv; charset=utf-8", std::move(csv), nom};
            }
          }
          return absl::NotFoundError(
              absl::StrCat(fichier, " : le rapport n'a pas ce tableau"));
        });
  });
  pages->port_ = port == 0 ? server.bind_to_any_port(host)
                           : (server.bind_to_port(host, port) ? port : -1);
  if (pages->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("pages: cannot listen on ", address));
  }
  pages->thread_ = std::thread([&server] { server.listen_after_bind(); });
  NameThread(pages->thread_, "mdn-pages");
  return pages;
}

Pages::~Pages() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace mediation
