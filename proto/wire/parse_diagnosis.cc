#include "proto/wire/parse_diagnosis.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace mediation::wire {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

constexpr int kMaxDepth = 100;  // Protobuf's own recursion limit.

std::string Path(absl::string_view prefix, absl::string_view name) {
  return prefix.empty() ? std::string(name) : absl::StrCat(prefix, ".", name);
}

std::string FieldName(const Descriptor& type, uint32_t number,
                      absl::string_view prefix) {
  const FieldDescriptor* field = type.FindFieldByNumber(number);
  if (field != nullptr) return Path(prefix, field->name());
  return Path(prefix, absl::StrCat("#", number));  // Unknown to this version.
}

ParseFailure Cut(std::string field) {
  return {std::move(field),
          "message tronqué ou mal formé à ce champ (requête illisible)"};
}

// Walks the fields of one message up to the current limit of `in`.
std::optional<ParseFailure> Walk(const Descriptor& type, CodedInputStream& in,
                                 absl::string_view prefix, int depth) {
  const std::string here = prefix.empty() ? "requete" : std::string(prefix);
  if (depth > kMaxDepth) {
    return ParseFailure{here, "messages imbriqués trop profondément"};
  }
  while (in.BytesUntilLimit() != 0) {
    uint32_t tag = in.ReadTag();
    if (tag == 0) {
      if (in.BytesUntilLimit() == 0 || in.ConsumedEntireMessage()) break;
      return ParseFailure{here, "octets qui ne sont pas un champ protobuf"};
    }
    const uint32_t number = WireFormatLite::GetTagFieldNumber(tag);
    const FieldDescriptor* field = type.FindFieldByNumber(number);
    const std::string name = FieldName(type, number, prefix);
    switch (WireFormatLite::GetTagWireType(tag)) {
      case WireFormatLite::WIRETYPE_VARINT: {
        uint64_t ignored;
        if (!in.ReadVarint64(&ignored)) return Cut(name);
        break;
      }
      case WireFormatLite::WIRETYPE_FIXED64: {
        uint64_t ignored;
        if (!in.ReadLittleEndian64(&ignored)) return Cut(name);
        break;
      }
      case WireFormatLite::WIRETYPE_FIXED32: {
        uint32_t ignored;
        if (!in.ReadLittleEndian32(&ignored)) return Cut(name);
        break;
      }
      case WireFormatLite::WIRETYPE_LENGTH_DELIMITED: {
        uint32_t length;
        if (!in.ReadVarint32(&length)) return Cut(name);
        if (field != nullptr && field->type() == FieldDescriptor::TYPE_STRING) {
          std::string value;
          if (!in.ReadString(&value, static_cast<int>(length))) {
            return Cut(name);
          }
          if (!IsValidUtf8(value)) {
            return ParseFailure{name, "la chaîne n'est pas de l'UTF-8 valide"};
          }
        } else if (field != nullptr &&
                   field->type() == FieldDescriptor::TYPE_MESSAGE) {
          // A nested message longer than what is left is cut short; its
          // walk, bounded by the enclosing limit, may name a deeper field.
          const bool cut_short =
              static_cast<int64_t>(length) > in.BytesUntilLimit();
          CodedInputStream::Limit limit =
              in.PushLimit(static_cast<int>(length));
          std::optional<ParseFailure> inner =
              Walk(*field->message_type(), in, name, depth + 1);
          if (inner.has_value()) return inner;
          if (cut_short || in.BytesUntilLimit() != 0) return Cut(name);
          in.PopLimit(limit);
        } else if (!in.Skip(static_cast<int>(length))) {
          return Cut(name);
        }
        break;
      }
      default:  // Groups (proto2 only) and the undefined wire types 6, 7.
        return ParseFailure{name, "type de codage inconnu pour ce champ"};
    }
  }
  return std::nullopt;
}

}  // namespace

ParseFailure DiagnoseParseFailure(const Descriptor& type,
                                  absl::string_view bytes) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  // The whole buffer is the top-level message: bound it so that the walk
  // ends at its end like a nested one at its limit.
  CodedInputStream::Limit limit = in.PushLimit(static_cast<int>(bytes.size()));
  std::optional<ParseFailure> failure = Walk(type, in, "", 0);
  in.PopLimit(limit);
  if (failure.has_value()) return *std::move(failure);
  return {"requete", "la requête ne se lit pas comme un message " +
                         std::string(type.name())};
}

}  // namespace mediation::wire
