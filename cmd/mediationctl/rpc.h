// A mediationctl command for every RPC of mediation.v1, from the
// descriptors: its name (DeclarerRecevable -> declarer-recevable), its help
// (the request's fields, their types and enum values), and the call itself
// (the request from a JSON file, or from stdin with "-", one JSON object per
// line for many requests; the act's fields from flags for the common cases).
#ifndef MEDIATION_CMD_MEDIATIONCTL_RPC_H_
#define MEDIATION_CMD_MEDIATIONCTL_RPC_H_

#include <ostream>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace mediation::ctl {

// Every RPC of the six services, in service then declaration order.
std::vector<const google::protobuf::MethodDescriptor*> ToutesLesRpc();

// "DeclarerRecevable" -> "declarer-recevable".
std::string NomCommande(const google::protobuf::MethodDescriptor* method);

// The RPC a command names (its kebab-case name, its method name, or one of
// the short names of the common acts: recevable, irrecevable, orienter,
// recommander, conclure, cloturer); nullptr when none.
const google::protobuf::MethodDescriptor* RpcDeCommande(
    const std::string& commande);

// Calls `method` with the request(s) that `args` and the flags describe:
//   [SAISINE] [FILE.json | -]
// SAISINE fills commun.saisine_id (an act) or saisine_id; without a file,
// the request is built from the flags only. A request id is generated (and
// printed on stderr) when the request has none. Unary RPCs only; returns
// the exit status.
int AppelerRpc(const google::protobuf::MethodDescriptor* method,
               const std::vector<std::string>& args);
// The same with the saisine and the input named (either may be empty).
int AppelerRpcAvec(const google::protobuf::MethodDescriptor* method,
                   const std::string& saisine, const std::string& fichier);

// The help of the RPC's command: usage, what it does, the request's fields
// with their enum values, the flags that set them.
void AideRpc(const google::protobuf::MethodDescriptor* method,
             std::ostream& out);

// The value an enum field takes from a flag's text: the value's name, or
// its end after the enum's prefix, in any case, '-' for '_'
// ("premiere-intention"), or the unique value whose end starts with or
// contains it ("transport"). nullptr when none or several match.
const google::protobuf::EnumValueDescriptor* ValeurEnum(
    const google::protobuf::EnumDescriptor* type, const std::string& text);

}  // namespace mediation::ctl

#endif  // MEDIATION_CMD_MEDIATIONCTL_RPC_H_
