#include "cmd/mediationctl/rpc.h"

#include <cctype>
#include <iostream>
#include <iterator>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/files.h"
#include "base/ids.h"
#include "cmd/mediationctl/common.h"
#include "cmd/mediationctl/generic_call.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/administration.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "mediation/v1/cra.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"

// The fields of the common acts, from flags (`mediationctl recevable ID
// --fondement=premiere-intention --date=2025-03-12`). Enum values as
// ValeurEnum reads them; booleans true/false/oui/non.
#define MEDIATION_ACT_FLAG(name, help) \
  ABSL_FLAG(std::string, name, "", "acts: " help)
MEDIATION_ACT_FLAG(date, "the act's date YYYY-MM-DD (date_notification too).");
MEDIATION_ACT_FLAG(date_notification, "recevable, irrecevable: notified on.");
MEDIATION_ACT_FLAG(fondement,
                   "recevable: premiere-intention, "
                   "apres-reclamation, saisine-particuliere, "
                   "exception.");
MEDIATION_ACT_FLAG(motif_premiere_intention,
                   "recevable: the first-intention case (--motif too).");
MEDIATION_ACT_FLAG(exception,
                   "recevable: the exception (urgence, "
                   "precarite...).");
MEDIATION_ACT_FLAG(justification, "recevable: why, for an exception.");
MEDIATION_ACT_FLAG(explication,
                   "irrecevable: the explanation to the "
                   "requester.");
MEDIATION_ACT_FLAG(orientation, "irrecevable: where the request is sent.");
MEDIATION_ACT_FLAG(destination, "orienter: where the saisine is sent.");
MEDIATION_ACT_FLAG(commentaire, "orienter, cloturer, prise en charge.");
MEDIATION_ACT_FLAG(interlocuteur, "echange: requerant, service-caisse...");
MEDIATION_ACT_FLAG(resume, "echange: what was said.");
MEDIATION_ACT_FLAG(type, "recommander: the recommandation's type.");
MEDIATION_ACT_FLAG(texte, "recommander: the recommandation's text.");
MEDIATION_ACT_FLAG(acceptee, "decider-equite: true or false.");
MEDIATION_ACT_FLAG(issue, "cloturer: the outcome (explications-donnees...).");
MEDIATION_ACT_FLAG(reference,
                   "declarer-recours-prealable: the CRA's "
                   "reference.");
MEDIATION_ACT_FLAG(date_saisine_cra, "declarer-recours-prealable.");
MEDIATION_ACT_FLAG(maintenu,
                   "enregistrer-maintien-ou-desistement: true or "
                   "false.");
MEDIATION_ACT_FLAG(sens, "enregistrer-decision-cra: rejet, acceptation...");
MEDIATION_ACT_FLAG(voies_et_delais_mentionnes,
                   "enregistrer-decision-cra: true or false.");
MEDIATION_ACT_FLAG(date_reunion, "convoquer-professionnel.");
MEDIATION_ACT_FLAG(compte_rendu, "consigner-conciliation.");

namespace mediation::ctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

constexpr const char* kServices[] = {"AccueilService", "MediationService",
                                     "CraService",     "NationalService",
                                     "AuditService",   "AdministrationService"};

struct Alias {
  const char* nom;
  const char* methode;
};
constexpr Alias kAlias[] = {
    {"recevable", "DeclarerRecevable"},
    {"irrecevable", "DeclarerIrrecevable"},
    {"orienter", "Orienter"},
    {"recommander", "EmettreRecommandation"},
    {"conclure", "CommuniquerConclusions"},
    {"cloturer", "Cloturer"},
};

// The flag that gives `field`, when one was given a value other than its
// default: a flag of its name, or
// --motif / --date for the act's motif_premiere_intention /
// date_notification when the act has no field of that name.
const absl::CommandLineFlag* DrapeauDe(const FieldDescriptor* field) {
  auto given = [](const std::string& name) -> const absl::CommandLineFlag* {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    // Given: its value is not its default (absl keeps "specified" private).
    return flag != nullptr && flag->CurrentValue() != flag->DefaultValue()
               ? flag
               : nullptr;
  };
  if (const absl::CommandLineFlag* flag = given(field->name())) return flag;
  const Descriptor* owner = field->containing_type();
  if (field->name() == "motif_premiere_intention" &&
      owner->FindFieldByName("motif") == nullptr) {
    return given("motif");
  }
  if (field->name() == "date_notification" &&
      owner->FindFieldByName("date") == nullptr) {
    return given("date");
  }
  return nullptr;
}

std::string ValeursPossibles(const EnumDescriptor* type) {
  std::vector<std::string> noms;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() != 0) noms.push_back(type->value(i)->name());
  }
  return absl::StrJoin(noms, ", ");
}

// Sets `field` of `message` from a flag's text; false (and says why) when
// the text is not a value of the field's type.
bool Affecter(Message* message, const FieldDescriptor* field,
              const std::string& text) {
  const auto* reflection = message->GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(message, field, text);
      return true;
    case FieldDescriptor::CPPTYPE_BOOL: {
      const std::string v = absl::AsciiStrToLower(text);
      if (v == "true" || v == "oui" || v == "1") {
        reflection->SetBool(message, field, true);
        return true;
      }
      if (v == "false" || v == "non" || v == "0") {
        reflection->SetBool(message, field, false);
        return true;
      }
      std::cerr << "--" << field->name() << ": true or false\n";
      return false;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* value = ValeurEnum(field->enum_type(), text);
      if (value == nullptr) {
        std::cerr << "--" << field->name() << "=" << text
                  << ": not one of (or several of) "
                  << ValeursPossibles(field->enum_type()) << "\n";
        return false;
      }
      reflection->SetEnum(message, field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t n = 0;
      if (!absl::SimpleAtoi(text, &n)) {
        std::cerr << "--" << field->name() << ": a number\n";
        return false;
      }
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
        reflection->SetInt32(message, field, static_cast<int32_t>(n));
      } else {
        reflection->SetInt64(message, field, n);
      }
      return true;
    }
    default:
      std::cerr << "--" << field->name() << ": not settable by a flag\n";
      return false;
  }
}

// The scalar fields of `message` (not repeated) that a flag gives.
bool AffecterDrapeaux(Message* message) {
  const Descriptor* d = message->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* field = d->field(i);
    if (field->is_repeated() ||
        field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      continue;
    }
    const absl::CommandLineFlag* flag = DrapeauDe(field);
    if (flag != nullptr && !Affecter(message, field, flag->CurrentValue())) {
      return false;
    }
  }
  return true;
}

Message* SousMessage(Message* message, const char* name) {
  const FieldDescriptor* field =
      message->GetDescriptor()->FindFieldByName(name);
  if (field == nullptr ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return nullptr;
  }
  return message->GetReflection()->MutableMessage(message, field);
}

// Completes a request: the saisine, the flags, a request id.
bool Completer(Message* request, const std::string& saisine) {
  Message* commun = SousMessage(request, "commun");
  Message* cible = commun != nullptr ? commun : request;
  const auto* reflection = cible->GetReflection();
  const FieldDescriptor* saisine_id =
      cible->GetDescriptor()->FindFieldByName("saisine_id");
  const std::string flag_saisine = absl::GetFlag(FLAGS_saisine);
  const std::string id = !saisine.empty() ? saisine : flag_saisine;
  if (!id.empty() && saisine_id != nullptr) {
    reflection->SetString(cible, saisine_id, id);
  }
  if (!AffecterDrapeaux(request)) return false;
  if (Message* acte = SousMessage(request, "acte");
      acte != nullptr && !AffecterDrapeaux(acte)) {
    return false;
  }
  const FieldDescriptor* request_id =
      cible->GetDescriptor()->FindFieldByName("request_id");
  if (request_id != nullptr) {
    if (!absl::GetFlag(FLAGS_request_id).empty()) {
      reflection->SetString(cible, request_id, absl::GetFlag(FLAGS_request_id));
    }
    if (reflection->GetString(*cible, request_id).empty()) {
      const std::string nouveau = UuidGenerator().NewId();
      reflection->SetString(cible, request_id, nouveau);
      std::cerr << "request_id " << nouveau << " (pass --request_id=" << nouveau
                << " to retry this request safely)\n";
    }
  }
  return true;
}

bool EstUnFichier(const std::string& arg) {
  return arg == "-" || absl::EndsWith(arg, ".json") ||
         absl::EndsWith(arg, ".ndjson") || absl::StrContains(arg, '/');
}

// The JSON texts of the requests: the whole input when it is one object,
// else one object per non-blank line.
std::vector<std::string> Textes(const std::string& input,
                                const Descriptor* type) {
  std::unique_ptr<Message> probe(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
  if (google::protobuf::util::JsonStringToMessage(input, probe.get()).ok()) {
    return {input};
  }
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(input, '\n')) {
    if (!absl::StripAsciiWhitespace(line).empty()) lines.emplace_back(line);
  }
  return lines;
}

void AideMessage(const Descriptor* d, const std::string& prefixe, int depth,
                 std::ostream& out) {
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const std::string nom = prefixe + f->name();
    std::string type = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE
                           ? f->message_type()->name()
                       : f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM
                           ? f->enum_type()->name()
                           : f->type_name();
    if (f->is_repeated()) type = "repeated " + type;
    const bool drapeau =
        !f->is_repeated() &&
        f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE &&
        absl::FindCommandLineFlag(f->name()) != nullptr &&
        (depth == 0 || prefixe == "acte." || prefixe == "commun.");
    out << "    " << nom << " (" << type << ")"
        << (drapeau ? absl::StrCat("  --", f->name()) : "") << "\n";
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      out << "        " << ValeursPossibles(f->enum_type()) << "\n";
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth < 2 &&
        f->message_type()->full_name().rfind("mediation.v1.", 0) == 0) {
      AideMessage(f->message_type(), nom + ".", depth + 1, out);
    }
  }
}

}  // namespace

std::vector<const MethodDescriptor*> ToutesLesRpc() {
  std::vector<const MethodDescriptor*> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* name : kServices) {
    const auto* service =
        pool->FindServiceByName(absl::StrCat("mediation.v1.", name));
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      out.push_back(service->method(i));
    }
  }
  return out;
}

std::string NomCommande(const MethodDescriptor* method) {
  std::string out;
  for (char c : method->name()) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (!out.empty()) out += '-';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

const MethodDescriptor* RpcDeCommande(const std::string& commande) {
  std::string nom = commande;
  for (const Alias& alias : kAlias) {
    if (commande == alias.nom) nom = alias.methode;
  }
  for (const MethodDescriptor* method : ToutesLesRpc()) {
    if (NomCommande(method) == nom || method->name() == nom) return method;
  }
  return nullptr;
}

const EnumValueDescriptor* ValeurEnum(const EnumDescriptor* type,
                                      const std::string& text) {
  std::string wanted = absl::AsciiStrToUpper(text);
  absl::StrReplaceAll({{"-", "_"}}, &wanted);
  if (wanted.empty()) return nullptr;
  // The enum's prefix: its UNSPECIFIED value without "UNSPECIFIED".
  std::string prefix;
  if (type->value_count() > 0 &&
      absl::EndsWith(type->value(0)->name(), "UNSPECIFIED")) {
    prefix =
        std::string(absl::StripSuffix(type->value(0)->name(), "UNSPECIFIED"));
  }
  std::vector<const EnumValueDescriptor*> starts, contains;
  for (int i = 0; i < type->value_count(); ++i) {
    const EnumValueDescriptor* v = type->value(i);
    if (v->number() == 0) continue;
    const absl::string_view end = absl::StripPrefix(v->name(), prefix);
    if (v->name() == wanted || end == wanted) return v;
    if (absl::StartsWith(end, wanted)) starts.push_back(v);
    if (absl::StrContains(end, wanted)) contains.push_back(v);
  }
  if (starts.size() == 1) return starts[0];
  if (starts.empty() && contains.size() == 1) return contains[0];
  return nullptr;
}

int AppelerRpc(const MethodDescriptor* method,
               const std::vector<std::string>& args) {
  std::string saisine, fichier;
  for (const std::string& arg : args) {
    std::string& slot = EstUnFichier(arg) ? fichier : saisine;
    if (!slot.empty()) {
      std::cerr << NomCommande(method)
                << ": [SAISINE] [FILE.json | -], see --help\n";
      return kUsage;
    }
    slot = arg;
  }
  return AppelerRpcAvec(method, saisine, fichier);
}

int AppelerRpcAvec(const MethodDescriptor* method, const std::string& saisine,
                   const std::string& fichier) {
  if (method->client_streaming() || method->server_streaming()) {
    std::cerr << NomCommande(method)
              << " streams: use `mediationctl journal` or `suivi-cra`\n";
    return kUsage;
  }
  std::vector<std::string> textes = {"{}"};
  if (!fichier.empty()) {
    std::string input;
    if (fichier == "-") {
      input.assign(std::istreambuf_iterator<char>(std::cin),
                   std::istreambuf_iterator<char>());
    } else {
      absl::StatusOr<std::string> text = ReadFile(fichier);
      if (!text.ok()) {
        std::cerr << text.status().message() << "\n";
        return kUsage;
      }
      input = *text;
    }
    textes = Textes(input, method->input_type());
  }
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  const std::string full_method =
      absl::StrCat("/", method->service()->full_name(), "/", method->name());
  auto channel = Channel();
  int status = kOk;
  for (size_t i = 0; i < textes.size(); ++i) {
    std::unique_ptr<Message> request(
        factory->GetPrototype(method->input_type())->New());
    std::unique_ptr<Message> response(
        factory->GetPrototype(method->output_type())->New());
    if (auto parsed = google::protobuf::util::JsonStringToMessage(
            textes[i], request.get());
        !parsed.ok()) {
      std::cerr << (fichier.empty() ? "flags" : fichier)
                << (textes.size() > 1 ? absl::StrCat(" line ", i + 1) : "")
                << ": not a " << method->input_type()->full_name() << ": "
                << parsed.message() << "\n";
      return kUsage;
    }
    if (!Completer(request.get(), saisine)) return kUsage;
    grpc::ClientContext context;
    Prepare(context);
    grpc::Status answer =
        CallUnary(channel, context, full_method, *request, *response);
    if (!answer.ok()) {
      status = Report(answer);
      // One request: its refusal is the result. Many: say which, and go on
      // (each has its request id, so the whole input can be sent again).
      if (textes.size() > 1) std::cerr << "  (line " << i + 1 << ")\n";
      continue;
    }
    if (textes.size() > 1) {
      PrintLine(*response);
    } else {
      Print(*response);
    }
  }
  return status;
}

void AideRpc(const MethodDescriptor* method, std::ostream& out) {
  out << "usage: mediationctl " << NomCommande(method);
  const Descriptor* input = method->input_type();
  const bool acte = input->FindFieldByName("commun") != nullptr;
  const bool saisine = acte || input->FindFieldByName("saisine_id") != nullptr;
  out << (saisine ? " [SAISINE]" : "") << " [FILE.json | -] [--FIELD=VALUE]\n";
  for (const Alias& alias : kAlias) {
    if (method->name() == alias.methode) {
      out << "   or: mediationctl " << alias.nom << " ...\n";
    }
  }
  out << "\nCalls " << method->full_name() << " (" << input->full_name()
      << " -> " << method->output_type()->full_name() << ").\n"
      << "The request is read from FILE.json (proto3 JSON), or from stdin "
         "with '-' (one JSON object, or one per line to send many); fields "
         "marked --FLAG may be given as flags instead.\n";
  if (saisine) {
    out << "SAISINE fills " << (acte ? "commun.saisine_id" : "saisine_id")
        << ".\n";
  }
  if (acte || input->FindFieldByName("request_id") != nullptr) {
    out << "A request id is generated and printed when none is given "
           "(--request_id): send it again to retry safely.\n";
  }
  out << "\nRequest fields:\n";
  AideMessage(input, "", 0, out);
  out << "\nEnum values may be shortened: --fondement=premiere-intention, "
         "--issue=explications.\n"
         "Output: --output=json (default) or table.\n";
}

}  // namespace mediation::ctl
