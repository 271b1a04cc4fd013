#include "storage/saisine_projection.h"

#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "domain/status_macros.h"
#include "mediation/v1/events.pb.h"
#include "storage/codec.h"
#include "storage/keys.h"

namespace mediation {
namespace {

constexpr absl::string_view kStatePrefix = "s/";

std::string StateKey(const std::string& saisine_id) {
  return absl::StrCat(kStatePrefix, saisine_id);
}

std::string DayKey(absl::CivilDay day) {
  return absl::StrFormat("%04d%02d%02d", day.year(), day.month(), day.day());
}

std::string StatutKey(Statut statut) {
  return absl::StrFormat("%02d", static_cast<int>(statut));
}

// The index prefix a filter reads (and, with every field set, that a saisine
// is listed under).
std::string IndexPrefix(const std::string& caisse,
                        const std::optional<Statut>& statut) {
  if (!caisse.empty() && statut.has_value()) {
    return absl::StrCat("x/cs/", caisse, "/", StatutKey(*statut), "/");
  }
  if (!caisse.empty()) return absl::StrCat("x/c/", caisse, "/");
  if (statut.has_value()) return absl::StrCat("x/s/", StatutKey(*statut), "/");
  return "x/d/";
}

std::set<std::string> IndexKeys(const std::string& saisine_id,
                                const SaisineState& state) {
  std::set<std::string> keys;
  if (!state.exists()) return keys;
  const std::string suffix =
      absl::StrCat(DayKey(state.recue.date_reception), "/", saisine_id);
  const std::string& caisse = state.recue.caisse;
  for (const std::string& prefix :
       {IndexPrefix(caisse, state.statut), IndexPrefix(caisse, std::nullopt),
        IndexPrefix("", state.statut), IndexPrefix("", std::nullopt)}) {
    keys.insert(prefix + suffix);
  }
  return keys;
}

absl::StatusOr<SaisineRecord> DecodeRecord(absl::string_view bytes) {
  v1::SaisineProjection proto;
  RETURN_IF_ERROR(ParseStored(bytes, "saisine projection", &proto));
  absl::StatusOr<SaisineRecue> recue = FromProto(proto.recue());
  if (!recue.ok()) {
    return absl::DataLossError(absl::StrCat(
        "saisine projection does not decode: ", recue.status().message()));
  }
  SaisineRecord record;
  record.saisine_id = proto.saisine_id();
  record.state.version = proto.version();
  if (proto.statut() != v1::STATUT_UNSPECIFIED) {
    record.state.statut = static_cast<Statut>(proto.statut());
  }
  record.state.recue = *std::move(recue);
  record.enregistree_le = absl::FromUnixMicros(proto.recorded_at_micros());
  record.modifiee_le = absl::FromUnixMicros(proto.updated_at_micros());
  return record;
}

std::string EncodeRecord(const SaisineRecord& record) {
  v1::SaisineProjection proto;
  proto.set_saisine_id(record.saisine_id);
  proto.set_version(record.state.version);
  proto.set_statut(record.state.statut.has_value()
                       ? static_cast<v1::Statut>(*record.state.statut)
                       : v1::STATUT_UNSPECIFIED);
  ToProto(record.state.recue, proto.mutable_recue());
  proto.set_recorded_at_micros(absl::ToUnixMicros(record.enregistree_le));
  proto.set_updated_at_micros(absl::ToUnixMicros(record.modifiee_le));
  return SerializeDeterministic(proto);
}

// Rewrites the index entries of a saisine whose state changed.
void UpdateIndexes(const std::string& saisine_id, const SaisineState& before,
                   const SaisineState& after, ProjectionWriter& writer) {
  const std::set<std::string> old_keys = IndexKeys(saisine_id, before);
  const std::set<std::string> new_keys = IndexKeys(saisine_id, after);
  for (const std::string& key : old_keys) {
    if (!new_keys.contains(key)) writer.Delete(key);
  }
  for (const std::string& key : new_keys) {
    if (!old_keys.contains(key)) writer.Put(key, "");
  }
}

}  // namespace

absl::Status SaisineProjection::Apply(const RecordedEvent& event,
                                      ProjectionWriter& writer) {
  const std::string& saisine_id = event.metadata.stream_id;
  const std::string key = StateKey(saisine_id);
  ASSIGN_OR_RETURN(std::optional<std::string> stored, writer.Get(key));
  SaisineRecord record;
  record.saisine_id = saisine_id;
  record.enregistree_le = event.metadata.recorded_at;
  if (stored.has_value()) {
    ASSIGN_OR_RETURN(record, DecodeRecord(*stored));
  }
  const SaisineState before = record.state;
  ASSIGN_OR_RETURN(record.state, mediation::Apply(before, event.event));
  record.modifiee_le = event.metadata.recorded_at;
  writer.Put(key, EncodeRecord(record));
  UpdateIndexes(saisine_id, before, record.state, writer);
  return absl::OkStatus();
}

absl::StatusOr<SaisineRecord> GetSaisine(const ProjectionReader& reader,
                                         const std::string& saisine_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> stored,
                   reader.Get(StateKey(saisine_id)));
  if (!stored.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no saisine with id '", saisine_id, "'"));
  }
  return DecodeRecord(*stored);
}

absl::StatusOr<SaisinePage> ListSaisines(const ProjectionReader& reader,
                                         const SaisineFilter& filter,
                                         size_t page_size,
                                         const std::string& page_token) {
  const std::string prefix = IndexPrefix(filter.caisse, filter.statut);
  const std::string begin =
      prefix + (filter.recue_depuis ? DayKey(*filter.recue_depuis) : "");
  std::string end = filter.recue_jusqu_au
                        ? PrefixEnd(prefix + DayKey(*filter.recue_jusqu_au))
                        : PrefixEnd(prefix);
  if (!page_token.empty()) {
    std::string after;
    if (!absl::WebSafeBase64Unescape(page_token, &after) ||
        !absl::StartsWith(after, prefix) || after < begin || after >= end) {
      return absl::InvalidArgumentError(
          "page_token: not a token of this listing");
    }
    end = after;  // Descending: the next page starts below the last key.
  }
  // One key more than the page tells whether another page follows.
  std::vector<std::string> keys;
  RETURN_IF_ERROR(reader.Scan(begin, end, /*reverse=*/true,
                              [&](absl::string_view key, absl::string_view) {
                                keys.emplace_back(key);
                                return keys.size() <= page_size;
                              }));
  SaisinePage page;
  if (keys.size() > page_size) {
    keys.pop_back();
    page.next_page_token = absl::WebSafeBase64Escape(keys.back());
  }
  for (const std::string& key : keys) {
    ASSIGN_OR_RETURN(SaisineRecord record,
                     GetSaisine(reader, key.substr(key.rfind('/') + 1)));
    page.saisines.push_back(std::move(record));
  }
  return page;
}

}  // namespace mediation
