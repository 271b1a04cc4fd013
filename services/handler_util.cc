#include "services/handler_util.h"

#include "absl/strings/str_cat.h"

namespace mediation {

std::string ActorOf(const grpc::CallbackServerContext& context) {
  // Until calls are authenticated, the caller is known by its address only.
  return absl::StrCat("pair:", context.peer());
}

}  // namespace mediation
