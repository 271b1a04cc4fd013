// NationalService: the national mediation direction across caisses
// (proto/mediation/v1/national.proto states each RPC's contract).
#ifndef MEDIATION_SERVICES_NATIONAL_SERVICE_H_
#define MEDIATION_SERVICES_NATIONAL_SERVICE_H_

#include "mediation/v1/national.grpc.pb.h"
#include "services/acte_executor.h"
#include "services/arena_allocator.h"
#include "services/dependencies.h"
#include "storage/saisine_projection.h"
#include "storage/statistiques.h"

namespace mediation {

// The statistics `request` asks for, as `principal` may see them (the
// GetStatistiques handler and the HTTPS pages): INVALID_ARGUMENT for an
// unknown caisse or region, or a month that is not YYYY-MM;
// PERMISSION_DENIED for a perimeter beyond the principal's caisse. The
// caller has checked the role (CheckRoleMay).
absl::Status CalculerStatistiques(const Dependencies& deps,
                                  const Principal& principal,
                                  const v1::GetStatistiquesRequest& request,
                                  v1::Statistiques* out);

class NationalServiceImpl final : public v1::NationalService::CallbackService {
 public:
  explicit NationalServiceImpl(Dependencies deps) : deps_(deps) {
    SetMessageAllocatorFor_TransmettreSaisine(&depot_allocator_);
  }

  grpc::ServerUnaryReactor* ListSaisinesNationales(
      grpc::CallbackServerContext* context,
      const v1::ListSaisinesNationalesRequest* request,
      v1::ListSaisinesNationalesResponse* response) override;
  grpc::ServerUnaryReactor* GetStatistiques(
      grpc::CallbackServerContext* context,
      const v1::GetStatistiquesRequest* request,
      v1::GetStatistiquesResponse* response) override;
  grpc::ServerUnaryReactor* TransmettreSaisine(
      grpc::CallbackServerContext* context,
      const v1::TransmettreSaisineRequest* request,
      v1::TransmettreSaisineResponse* response) override;
  grpc::ServerUnaryReactor* EmettreRecommandationNationale(
      grpc::CallbackServerContext* context,
      const v1::EmettreRecommandationNationaleRequest* request,
      v1::EmettreRecommandationNationaleResponse* response) override;

 private:
  absl::StatusOr<SaisinePage> Lister(
      const grpc::CallbackServerContext& context,
      const v1::ListSaisinesNationalesRequest& request) const;
  absl::Status Statistiques(const grpc::CallbackServerContext& context,
                            const v1::GetStatistiquesRequest& request,
                            v1::Statistiques* response) const;

  const Dependencies deps_;
  // A deposit's request, the largest, is parsed onto an arena
  // (arena_allocator.h).
  ArenaMessageAllocator<v1::TransmettreSaisineRequest,
                        v1::TransmettreSaisineResponse>
      depot_allocator_;
  ActeExecutor actes_{deps_};
};

// The report's tables from the counters (exposed for tests).
void StatistiquesToApi(const TableauStatistiques& tableau,
                       absl::CivilMonth depuis, absl::CivilMonth jusqu_au,
                       v1::Statistiques* out);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_NATIONAL_SERVICE_H_
