// PageTokens: the page tokens the listings hand out. A token is opaque to
// clients, and bound to the listing and its filters: it is the position
// where the next page starts, sealed with AES-256-GCM under a key of the
// server, with the listing's name and filters as associated data. A token
// altered, made up, or given to another listing or with other filters is
// INVALID_ARGUMENT "page_token: …"; it reveals nothing of the index.
//
//   PageTokens tokens(key);
//   std::string binding = PageBinding("ListSaisines", request);
//   ASSIGN_OR_RETURN(std::string cursor, tokens.Open(request.page_token(),
//                                                    binding));
//   response->set_next_page_token(tokens.Seal(page.next_page_token, binding));
//
// Thread safe (immutable).
#ifndef MEDIATION_SERVICES_PAGE_TOKEN_H_
#define MEDIATION_SERVICES_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace mediation {

class PageTokens {
 public:
  static constexpr size_t kKeyBytes = 32;

  // REQUIRES: key.size() == kKeyBytes.
  explicit PageTokens(std::string key);
  // A key of its own, drawn at random: tokens last as long as the process.
  static PageTokens WithRandomKey();

  // The token of `cursor` (empty for the last page: an empty token).
  std::string Seal(absl::string_view cursor, absl::string_view binding) const;
  // The cursor of `token` (empty for an empty token, the first page).
  absl::StatusOr<std::string> Open(absl::string_view token,
                                   absl::string_view binding) const;

 private:
  std::string key_;
};

// What binds a token: the listing `method` and the request's fields but its
// page_token and page_size (a client may change the page size).
std::string PageBinding(absl::string_view method,
                        const google::protobuf::Message& request);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_PAGE_TOKEN_H_
