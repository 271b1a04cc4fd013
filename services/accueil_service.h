// AccueilService: the front office registers saisines and follows them
// (proto/mediation/v1/accueil.proto states each RPC's contract).
//
// Handlers use the callback API: a deposit hands its append to the store's
// writer and returns; the answer leaves when the append is durable, so no
// gRPC thread waits on the disk.
#ifndef MEDIATION_SERVICES_ACCUEIL_SERVICE_H_
#define MEDIATION_SERVICES_ACCUEIL_SERVICE_H_

#include "mediation/v1/accueil.grpc.pb.h"
#include "services/arena_allocator.h"
#include "services/dependencies.h"
#include "storage/saisine_projection.h"

namespace mediation {

class AccueilServiceImpl final : public v1::AccueilService::CallbackService {
 public:
  explicit AccueilServiceImpl(Dependencies deps) : deps_(deps) {
    SetMessageAllocatorFor_DeposerSaisine(&depot_allocator_);
  }

  grpc::ServerUnaryReactor* DeposerSaisine(
      grpc::CallbackServerContext* context,
      const v1::DeposerSaisineRequest* request,
      v1::DeposerSaisineResponse* response) override;
  grpc::ServerUnaryReactor* GetSaisine(
      grpc::CallbackServerContext* context,
      const v1::GetSaisineRequest* request,
      v1::GetSaisineResponse* response) override;
  grpc::ServerUnaryReactor* ListSaisines(
      grpc::CallbackServerContext* context,
      const v1::ListSaisinesRequest* request,
      v1::ListSaisinesResponse* response) override;

 private:
  absl::StatusOr<SaisineRecord> LireSaisine(
      const grpc::CallbackServerContext& context,
      const v1::GetSaisineRequest& request,
      std::optional<Consultation>* trace) const;
  absl::StatusOr<SaisinePage> ListerSaisines(
      const grpc::CallbackServerContext& context,
      const v1::ListSaisinesRequest& request,
      std::optional<Consultation>* trace) const;

  const Dependencies deps_;
  // A deposit's request, the largest, is parsed onto an arena
  // (arena_allocator.h).
  ArenaMessageAllocator<v1::DeposerSaisineRequest, v1::DeposerSaisineResponse>
      depot_allocator_;
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ACCUEIL_SERVICE_H_
