#include "services/call_facts.h"

#include <cstdint>
#include <functional>
#include <utility>

#include "google/protobuf/descriptor.h"

namespace mediation {
namespace {

// The string field `name` of `message`, or "" when it has none.
std::string StringField(const google::protobuf::Message& message,
                        const std::string& name) {
  const google::protobuf::FieldDescriptor* field =
      message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->is_repeated() ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return "";
  }
  return message.GetReflection()->GetString(message, field);
}

// The first non-empty `name` of the request or of its `commun` part.
std::string RequestField(const google::protobuf::Message& request,
                         const std::string& name) {
  std::string value = StringField(request, name);
  if (!value.empty()) return value;
  const google::protobuf::FieldDescriptor* commun =
      request.GetDescriptor()->FindFieldByName("commun");
  if (commun == nullptr || commun->is_repeated() ||
      commun->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE ||
      !request.GetReflection()->HasField(request, commun)) {
    return "";
  }
  return StringField(request.GetReflection()->GetMessage(request, commun),
                     name);
}

void Merge(CallFacts& into, const CallFacts& from) {
  for (auto field : {&CallFacts::sujet, &CallFacts::role, &CallFacts::caisse,
                     &CallFacts::request_id, &CallFacts::correlation_id}) {
    if (!(from.*field).empty()) into.*field = from.*field;
  }
}

}  // namespace

CallFactsRegistry& CallFactsRegistry::Global() {
  static CallFactsRegistry* const registry = new CallFactsRegistry();
  return *registry;
}

CallFactsRegistry::Shard& CallFactsRegistry::ShardOf(
    const grpc::ServerContextBase* context) {
  const auto bits = reinterpret_cast<uintptr_t>(context);
  return shards_[std::hash<uintptr_t>()(bits >> 4) % shards_.size()];
}

void CallFactsRegistry::Begin(const grpc::ServerContextBase* context) {
  Shard& shard = ShardOf(context);
  absl::MutexLock lock(&shard.mu);
  shard.calls[context] = CallFacts{};
}

void CallFactsRegistry::Note(const grpc::ServerContextBase* context,
                             const CallFacts& facts) {
  Shard& shard = ShardOf(context);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.calls.find(context);
  if (it != shard.calls.end()) Merge(it->second, facts);
}

CallFacts CallFactsRegistry::End(const grpc::ServerContextBase* context) {
  Shard& shard = ShardOf(context);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.calls.find(context);
  if (it == shard.calls.end()) return CallFacts{};
  CallFacts facts = std::move(it->second);
  shard.calls.erase(it);
  return facts;
}

CallFacts FactsOf(const Principal& principal,
                  const google::protobuf::Message& request) {
  CallFacts facts;
  facts.sujet = principal.sujet;
  facts.role = RoleName(principal.role);
  facts.caisse = principal.caisse;
  facts.request_id = RequestField(request, "request_id");
  facts.correlation_id = RequestField(request, "correlation_id");
  return facts;
}

}  // namespace mediation
