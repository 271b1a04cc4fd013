#include "storage/saisine_projection.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "domain/echeances.h"
#include "mediation/v1/events.pb.h"
#include "storage/codec.h"
#include "storage/codec_etat.h"
#include "storage/keys.h"
#include "storage/proto_arena.h"
#include "storage/statistiques.h"

namespace mediation {
namespace {

constexpr absl::string_view kStatePrefix = "s/";

std::string StateKey(const std::string& saisine_id) {
  return absl::StrCat(kStatePrefix, saisine_id);
}

// `value`'s last `width` decimal digits, zero-padded, appended to `out`.
void AppendDigits(int64_t value, int width, std::string& out) {
  out.resize(out.size() + width);
  for (char* digit = out.data() + out.size(); width > 0; --width) {
    *--digit = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// YYYYMMDD; printf's %04d for a year beyond 0 to 9999 (no saisine's).
std::string DayKey(absl::CivilDay day) {
  if (day.year() < 0 || day.year() > 9999) {
    return absl::StrFormat("%04d%02d%02d", day.year(), day.month(), day.day());
  }
  std::string key;
  key.reserve(8);
  AppendDigits(day.year(), 4, key);
  AppendDigits(day.month(), 2, key);
  AppendDigits(day.day(), 2, key);
  return key;
}

std::string StatutKey(Statut statut) {
  if (static_cast<int>(statut) < 0 || static_cast<int>(statut) > 99) {
    return absl::StrFormat("%02d", static_cast<int>(statut));
  }
  std::string key;
  AppendDigits(static_cast<int>(statut), 2, key);
  return key;
}

// The index prefix of a filter. With a status, saisines are listed under
// it (by caisse and status, and by status); without one, its listing
// merges those of each status and its page tokens are keys under this
// prefix, none stored (x/c/<caisse>/, x/d/). The caisse is length-prefixed:
// no code, even one that is not in the referential, can extend another's
// prefix.
std::string IndexPrefix(const std::string& caisse,
                        const std::optional<Statut>& statut) {
  if (!caisse.empty() && statut.has_value()) {
    return absl::StrCat("x/cs/", LengthPrefixed(caisse), "/",
                        StatutKey(*statut), "/");
  }
  if (!caisse.empty()) return absl::StrCat("x/c/", LengthPrefixed(caisse), "/");
  if (statut.has_value()) return absl::StrCat("x/s/", StatutKey(*statut), "/");
  return "x/d/";
}

std::string RequerantPrefix(const NirIndexKey& key, const std::string& caisse,
                            const std::string& nir) {
  return absl::StrCat("r/", LengthPrefixed(caisse), "/", key.Digest(nir), "/");
}

std::string UrgencePrefix(const std::string& caisse) {
  return absl::StrCat("u/", LengthPrefixed(caisse), "/");
}

std::string OrientationPrefix(const std::string& caisse) {
  return absl::StrCat("o/", LengthPrefixed(caisse), "/");
}

// The deadlines of `state` under `calendrier`; none before it exists.
Echeances EcheancesDe(const SaisineState& state, Calendrier calendrier) {
  return state.exists() ? CalculerEcheances(state, calendrier) : Echeances{};
}

// `prochaine` is the next deadline of `state` (Echeances::
// prochaine_echeance, under its caisse's calendar); `requerant` the
// requester index's prefix of `state` (the keyed hash of its NIR), when the
// caller has it already.
std::vector<std::string> IndexKeys(const NirIndexKey& key,
                                   const std::string& saisine_id,
                                   const SaisineState& state,
                                   std::optional<absl::CivilDay> prochaine,
                                   const std::string* requerant = nullptr) {
  std::vector<std::string> keys;
  if (!state.exists()) return keys;
  if (!state.recue.requerant.nir.empty()) {
    keys.push_back((requerant != nullptr
                        ? *requerant
                        : RequerantPrefix(key, state.recue.caisse,
                                          state.recue.requerant.nir)) +
                   saisine_id);
  }
  if (prochaine.has_value()) {
    keys.push_back(absl::StrCat(UrgencePrefix(state.recue.caisse),
                                DayKey(*prochaine), "/", saisine_id));
  }
  const std::vector<absl::CivilDay> a_confirmer = OrientationsAConfirmer(state);
  if (!a_confirmer.empty()) {
    keys.push_back(absl::StrCat(OrientationPrefix(state.recue.caisse),
                                DayKey(a_confirmer.front()), "/", saisine_id));
  }
  const std::string suffix =
      absl::StrCat(DayKey(state.recue.date_reception), "/", saisine_id);
  // Listed by caisse and status, and by status: a listing of every status
  // merges those of each (ListSaisines), so nothing is stored for it.
  keys.push_back(IndexPrefix(state.recue.caisse, state.statut) + suffix);
  keys.push_back(IndexPrefix("", state.statut) + suffix);
  // Sorted; each is there once, since their prefixes differ.
  std::sort(keys.begin(), keys.end());
  return keys;
}

absl::StatusOr<SaisineRecord> DecodeRecord(const v1::SaisineProjection& proto) {
  SaisineRecord record;
  record.saisine_id = proto.saisine_id();
  ASSIGN_OR_RETURN(record.state, EtatFromProto(proto.etat()));
  record.enregistree_le = absl::FromUnixMicros(proto.recorded_at_micros());
  record.modifiee_le = absl::FromUnixMicros(proto.updated_at_micros());
  return record;
}

absl::StatusOr<SaisineRecord> DecodeRecord(absl::string_view bytes) {
  // Parsed once, into the record's own fields: on an arena, whose
  // submessages and string objects are not allocated one by one.
  ProtoArena<4096> arena;
  auto* proto = arena.Create<v1::SaisineProjection>();
  RETURN_IF_ERROR(ParseStored(bytes, "saisine projection", proto));
  return DecodeRecord(*proto);
}

// Rewrites the index entries of a saisine whose state changed; each
// state comes with its next deadline, as IndexKeys takes it.
void UpdateIndexes(const NirIndexKey& key, const std::string& saisine_id,
                   const SaisineState& before,
                   std::optional<absl::CivilDay> prochaine_before,
                   const SaisineState& after,
                   std::optional<absl::CivilDay> prochaine_after,
                   ProjectionWriter& writer) {
  // Most events leave the requester as it was: its NIR is hashed once.
  std::optional<std::string> requerant;
  if (before.exists() && !after.recue.requerant.nir.empty() &&
      before.recue.caisse == after.recue.caisse &&
      before.recue.requerant.nir == after.recue.requerant.nir) {
    requerant =
        RequerantPrefix(key, after.recue.caisse, after.recue.requerant.nir);
  }
  const std::string* const known = requerant ? &*requerant : nullptr;
  const std::vector<std::string> old_keys =
      IndexKeys(key, saisine_id, before, prochaine_before, known);
  const std::vector<std::string> new_keys =
      IndexKeys(key, saisine_id, after, prochaine_after, known);
  for (const std::string& key : old_keys) {
    if (!std::binary_search(new_keys.begin(), new_keys.end(), key)) {
      writer.Delete(key);
    }
  }
  for (const std::string& key : new_keys) {
    if (!std::binary_search(old_keys.begin(), old_keys.end(), key)) {
      writer.Put(key, "");
    }
  }
}

// A listing: the saisines whose index keys are under any of `parts`, in the
// order of what follows the part (the day received, then the id), as if
// they were all under `prefix`. A saisine is under one part (one per
// status, say), so the listing is their merge. Its page tokens are keys
// under `prefix`: a listing by caisse keeps the tokens it gave when such
// keys were stored.
struct Listing {
  std::string prefix;
  std::vector<std::string> parts;
  std::string from;               // Suffix, inclusive.
  std::optional<std::string> to;  // Suffix, exclusive; nullopt: no bound.
  bool reverse = false;

  // The keys [begin, end) of the listing under `under` (a part, or the
  // prefix of its tokens).
  std::pair<std::string, std::string> Range(const std::string& under) const {
    return {under + from, to.has_value() ? under + *to : PrefixEnd(under)};
  }
};

// The smallest key after `key`.
std::string Past(absl::string_view key) {
  return absl::StrCat(key, std::string(1, '\0'));
}

// The keys of [begin, end) that follow a part (their suffixes), in a
// listing's order, read in batches: page_size + 1 first, then twice as many
// each time (a filter may discard many).
class PartCursor {
 public:
  PartCursor(const ProjectionReader& reader, const std::string& part,
             const Listing& listing, const std::optional<std::string>& after,
             size_t first_batch)
      : reader_(reader),
        part_(part),
        reverse_(listing.reverse),
        batch_(first_batch) {
    std::tie(begin_, end_) = listing.Range(part);
    if (after.has_value()) {
      // The next page starts past the last key examined.
      if (reverse_) {
        end_ = part + *after;
      } else {
        begin_ = Past(part + *after);
      }
    }
  }

  // The next suffix, or nullptr past the last: valid until Pop.
  absl::StatusOr<const std::string*> Peek() {
    if (next_ == suffixes_.size() && !exhausted_) RETURN_IF_ERROR(Refill());
    if (next_ == suffixes_.size()) return nullptr;
    return &suffixes_[next_];
  }
  void Pop() { ++next_; }

 private:
  absl::Status Refill() {
    suffixes_.clear();
    next_ = 0;
    if (!end_.empty() && begin_ >= end_) {
      exhausted_ = true;
      return absl::OkStatus();
    }
    std::string last;
    RETURN_IF_ERROR(reader_.Scan(
        begin_, end_, reverse_, [&](absl::string_view key, absl::string_view) {
          suffixes_.emplace_back(key.substr(part_.size()));
          if (suffixes_.size() < batch_) return true;
          last = std::string(key);
          return false;
        }));
    if (suffixes_.size() < batch_) {
      exhausted_ = true;
    } else if (reverse_) {
      end_ = std::move(last);
    } else {
      begin_ = Past(last);
    }
    batch_ = std::min(2 * batch_, kMaxExamines + 1);
    return absl::OkStatus();
  }

  const ProjectionReader& reader_;
  const std::string& part_;
  const bool reverse_;
  std::string begin_;
  std::string end_;
  size_t batch_;
  std::vector<std::string> suffixes_;
  size_t next_ = 0;
  bool exhausted_ = false;
};

// Reads a page of `listing`, keeping the saisines `garder` keeps (all when
// empty).
absl::StatusOr<SaisinePage> ReadPage(
    const ProjectionReader& reader, const Listing& listing, size_t page_size,
    const std::string& page_token,
    const std::function<bool(const SaisineRecord&)>& garder) {
  std::optional<std::string> after;
  if (!page_token.empty()) {
    const auto [begin, end] = listing.Range(listing.prefix);
    if (!absl::StartsWith(page_token, listing.prefix) || page_token < begin ||
        (!end.empty() && page_token >= end)) {
      return absl::InvalidArgumentError(
          "page_token: not a token of this listing");
    }
    after = page_token.substr(listing.prefix.size());
  }
  std::vector<PartCursor> cursors;
  cursors.reserve(listing.parts.size());
  for (const std::string& part : listing.parts) {
    cursors.emplace_back(reader, part, listing, after,
                         std::min(page_size, kMaxExamines) + 1);
  }
  // The cursor whose next suffix comes first in the listing's order, or
  // null when all are past their last.
  auto next = [&]() -> absl::StatusOr<PartCursor*> {
    PartCursor* best = nullptr;
    const std::string* best_suffix = nullptr;
    for (PartCursor& cursor : cursors) {
      ASSIGN_OR_RETURN(const std::string* suffix, cursor.Peek());
      if (suffix == nullptr) continue;
      if (best_suffix == nullptr ||
          (listing.reverse ? *suffix > *best_suffix : *suffix < *best_suffix)) {
        best = &cursor;
        best_suffix = suffix;
      }
    }
    return best;
  };
  SaisinePage page;
  std::string last_key;
  size_t examined = 0;
  while (true) {
    ASSIGN_OR_RETURN(PartCursor * cursor, next());
    if (cursor == nullptr) break;
    if (page.saisines.size() == page_size || examined == kMaxExamines) {
      // Something follows what this page covers.
      page.next_page_token = last_key;
      break;
    }
    ASSIGN_OR_RETURN(const std::string* suffix, cursor->Peek());
    std::string key = listing.prefix + *suffix;
    cursor->Pop();
    // Each part is read on its own: a saisine whose status changed between
    // two reads can be under both. It is listed once.
    if (key == last_key) continue;
    ++examined;
    last_key = std::move(key);
    ASSIGN_OR_RETURN(
        SaisineRecord record,
        GetSaisine(reader, last_key.substr(last_key.rfind('/') + 1)));
    if (!garder || garder(record)) page.saisines.push_back(std::move(record));
  }
  return page;
}

// The listing of every saisine under `prefix`.
Listing ListingOf(const std::string& prefix, bool reverse) {
  return Listing{prefix, {prefix}, "", std::nullopt, reverse};
}

// v1::SaisineProjection of a state, as stored under StateKey.
// `scratch`, when given, is cleared and filled: a caller encoding many
// states keeps the memory of its top-level fields from one to the next
// (not the state's: Clear deletes submessages of a message off an arena).
std::string EncodeProjection(const std::string& saisine_id,
                             const SaisineState& state, int64_t recorded_at,
                             int64_t updated_at,
                             v1::SaisineProjection* scratch = nullptr) {
  v1::SaisineProjection local;
  v1::SaisineProjection& proto = scratch != nullptr ? *scratch : local;
  proto.Clear();
  proto.set_saisine_id(saisine_id);
  proto.set_recorded_at_micros(recorded_at);
  EtatToProto(state, proto.mutable_etat());
  proto.set_version(state.version);
  proto.set_updated_at_micros(updated_at);
  return SerializeDeterministic(proto);
}

// Adds contributions' deltas to the counter tables of their caisse and month
// (TablesStatistiques), formatted once while consecutive contributions share
// them (Deltas come in month order). The same for an append (into a
// ProjectionWriter) and a rebuild (into a ProjectionSink).
class Compteurs {
 public:
  explicit Compteurs(const CaisseReferentiel& caisses) : caisses_(caisses) {}

  template <typename Into>
  void Ajouter(const std::string& caisse, const Contribution& contribution,
               int64_t delta, Into& into) {
    if (!tables_.has_value() || caisse != caisse_ ||
        contribution.mois != mois_) {
      tables_ = TablesStatistiques(caisses_, caisse, contribution.mois);
      caisse_ = caisse;
      mois_ = contribution.mois;
    }
    const std::string compteur = CompteurStatistique(contribution);
    for (const std::string& table : *tables_) into.Add(table, compteur, delta);
  }

 private:
  const CaisseReferentiel& caisses_;
  std::optional<std::vector<std::string>> tables_;
  std::string caisse_;
  absl::CivilMonth mois_;
};

// Folds each saisine's events, given stream by stream, into one state in
// memory, and puts its final state and index keys at EndStream; sums the
// statistics deltas per caisse and contribution, and puts the counter
// tables once, at Finish.
class SaisineBuilder final : public ProjectionBuilder {
 public:
  SaisineBuilder(const CaisseReferentiel& caisses, const NirIndexKey& nir_key)
      : caisses_(caisses), nir_key_(nir_key) {}

  absl::Status Add(const RecordedEvent& event, ProjectionSink&) override {
    const int64_t recorded_at = absl::ToUnixMicros(event.metadata.recorded_at);
    if (!open_) {
      open_ = true;
      saisine_id_ = event.metadata.stream_id;
      recorded_at_ = recorded_at;
      state_ = SaisineState();
      was_.clear();
    }
    updated_at_ = recorded_at;
    // What the state counted for before the event (was_, kept from the
    // event before) and after it: one ContributionsDe per event.
    const std::string caisse = state_.recue.caisse;
    std::optional<SaisineState> before;
    if (std::holds_alternative<DonneesRectifiees>(event.event)) {
      // The one event that replaces the intake data, hence maybe the
      // caisse and the calendar the state before counts with: as Apply.
      before = state_;
    }
    RETURN_IF_ERROR(mediation::Fold(state_, event.event));
    const std::string& now = state_.recue.caisse;
    const Calendrier calendrier = CalendrierDe(caisses_, now);
    // Its deadlines, once: for what it counts for, and, after the last
    // event, for its index keys.
    const Echeances echeances = EcheancesDe(state_, calendrier);
    prochaine_ = echeances.prochaine_echeance;
    Contributions is = ContributionsDe(state_, echeances);
    if (now != caisse && before.has_value()) {
      // A rectification moved the saisine: the state before counts with the
      // new caisse's calendar.
      AddDifference(now, is, ContributionsDe(*before, calendrier));
    } else if (now != caisse && !was_.empty()) {
      return absl::InternalError("an event changed the caisse of a saisine");
    } else {
      AddDifference(now, is, was_);
    }
    was_ = std::move(is);
    return absl::OkStatus();
  }

  absl::Status EndStream(ProjectionSink& sink) override {
    if (!open_) return absl::OkStatus();
    open_ = false;
    sink.Put(StateKey(saisine_id_),
             EncodeProjection(saisine_id_, state_, recorded_at_, updated_at_,
                              &scratch_));
    for (std::string key :
         IndexKeys(nir_key_, saisine_id_, state_, prochaine_)) {
      sink.Put(std::move(key), "");
    }
    return absl::OkStatus();
  }

  absl::Status Finish(ProjectionSink& sink) override {
    RETURN_IF_ERROR(EndStream(sink));
    // In caisse, then month order: the tables change only with them.
    Compteurs compteurs(caisses_);
    for (const auto& [caisse, sums] : deltas_) {
      Contributions sorted(sums.begin(), sums.end());
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [contribution, delta] : sorted) {
        compteurs.Ajouter(caisse, contribution, delta, sink);
      }
    }
    deltas_.clear();
    return absl::OkStatus();
  }

 private:
  // Adds Difference(is, was), the deltas an event makes, to the sums of
  // `caisse`, without copying the lists.
  void AddDifference(const std::string& caisse, const Contributions& is,
                     const Contributions& was) {
    if (is.empty() && was.empty()) return;
    auto& sums = deltas_[caisse];
    ForEachDifference(is, was,
                      [&sums](const Contribution& contribution, int64_t delta) {
                        sums[contribution] += delta;
                      });
  }

  const CaisseReferentiel& caisses_;
  const NirIndexKey& nir_key_;
  // The stream being folded.
  bool open_ = false;
  std::string saisine_id_;
  SaisineState state_;
  Contributions was_;                        // What state_ counts for,
  std::optional<absl::CivilDay> prochaine_;  // and its next deadline.
  int64_t recorded_at_ = 0;                  // Of its first event.
  int64_t updated_at_ = 0;                   // Of its last.
  v1::SaisineProjection scratch_;
  // Per caisse and contribution: the sum of the deltas (kept at 0).
  std::map<std::string, absl::flat_hash_map<Contribution, int64_t>> deltas_;
};

}  // namespace

Calendrier CalendrierDe(const CaisseReferentiel& caisses,
                        absl::string_view code) {
  const Caisse* caisse = caisses.Find(code);
  return caisse != nullptr ? caisse->calendrier : Calendrier::kMetropole;
}

std::string SaisineProjection::Id() const {
  // FNV-1a over the caisses' codes and calendars: stable across builds.
  uint64_t hash = 14695981039346656037ull;
  for (const Caisse& caisse : caisses_.caisses()) {
    std::string calendrier = absl::StrCat(
        caisse.code, "=", static_cast<int>(caisse.calendrier.base()));
    // The holidays the referential adds move deadlines, hence the index.
    for (absl::CivilDay jour : caisse.calendrier.jours_feries_ajoutes()) {
      absl::StrAppend(&calendrier, "+", DayKey(jour));
    }
    for (char c : absl::StrCat(calendrier, ";")) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
  }
  // 5: length-prefixed caisses in keys, the requester index under the
  // NIR index key (whose id is part of this one: a new key rebuilds).
  // 6: the index of orientations awaiting confirmation.
  // 7: the state folded (v1::SaisineEtat), no longer the events replayed.
  // 8: statistics in one counter table per scope and month.
  // 9: no index of every status (x/c, x/d): listings merge the statuses'.
  return absl::StrCat("saisine/9:", absl::Hex(hash), ":", nir_key_.id());
}

absl::Status SaisineProjection::Apply(const RecordedEvent& event,
                                      ProjectionWriter& writer) {
  const std::string& saisine_id = event.metadata.stream_id;
  const std::string key = StateKey(saisine_id);
  // The state is a function of the stream's events: before its first,
  // there is none to read (a deposit's lookup would only miss).
  std::optional<std::string> stored;
  if (event.metadata.stream_version > 1) {
    ASSIGN_OR_RETURN(stored, writer.Get(key));
  }
  const absl::Time recorded_at = event.metadata.recorded_at;
  SaisineState before;
  absl::Time enregistree_le = recorded_at;  // Of the first event.
  if (stored.has_value()) {
    ASSIGN_OR_RETURN(SaisineRecord record, DecodeRecord(*stored));
    before = std::move(record.state);
    enregistree_le = record.enregistree_le;
  }
  SaisineState after = before;
  RETURN_IF_ERROR(mediation::Fold(after, event.event));
  // What a rebuild (SaisineBuilder) puts: the same function of the state,
  // encoded through a message on an arena (no allocation per submessage).
  ProtoArena<4096> arena;
  writer.Put(key, EncodeProjection(saisine_id, after,
                                   absl::ToUnixMicros(enregistree_le),
                                   absl::ToUnixMicros(recorded_at),
                                   arena.Create<v1::SaisineProjection>()));
  // Both states count, and are indexed, with the calendar of the caisse
  // after the event; each state's deadlines are computed once for both.
  const Calendrier calendrier = CalendrierDe(caisses_, after.recue.caisse);
  const Echeances avant = EcheancesDe(before, calendrier);
  const Echeances apres = EcheancesDe(after, calendrier);
  UpdateIndexes(nir_key_, saisine_id, before, avant.prochaine_echeance, after,
                apres.prochaine_echeance, writer);
  Compteurs compteurs(caisses_);
  ForEachDifference(
      ContributionsDe(after, apres), ContributionsDe(before, avant),
      [&](const Contribution& contribution, int64_t delta) {
        compteurs.Ajouter(after.recue.caisse, contribution, delta, writer);
      });
  return absl::OkStatus();
}

std::unique_ptr<ProjectionBuilder> SaisineProjection::NewBuilder() const {
  return std::make_unique<SaisineBuilder>(caisses_, nir_key_);
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
  Listing listing;
  listing.prefix = IndexPrefix(filter.caisse, filter.statut);
  if (filter.statut.has_value()) {
    listing.parts = {listing.prefix};
  } else {
    // Without a status: the merge of the listings of each status.
    for (int statut = 1; statut <= kStatutMax; ++statut) {
      listing.parts.push_back(
          IndexPrefix(filter.caisse, static_cast<Statut>(statut)));
    }
  }
  if (filter.recue_depuis) listing.from = DayKey(*filter.recue_depuis);
  if (filter.recue_jusqu_au) {
    listing.to = PrefixEnd(DayKey(*filter.recue_jusqu_au));
  }
  listing.reverse = true;
  return ReadPage(reader, listing, page_size, page_token, filter.garder);
}

absl::StatusOr<std::vector<SaisineRecord>> ListParRequerant(
    const ProjectionReader& reader, const NirIndexKey& key,
    const std::string& caisse, const std::string& nir) {
  const std::string prefix = RequerantPrefix(key, caisse, nir);
  ASSIGN_OR_RETURN(SaisinePage page,
                   ReadPage(reader, ListingOf(prefix, /*reverse=*/false),
                            kMaxExamines, "", nullptr));
  return std::move(page.saisines);
}

absl::StatusOr<SaisinePage> ListParUrgence(const ProjectionReader& reader,
                                           const std::string& caisse,
                                           size_t page_size,
                                           const std::string& page_token) {
  const std::string prefix = UrgencePrefix(caisse);
  return ReadPage(reader, ListingOf(prefix, /*reverse=*/false), page_size,
                  page_token, nullptr);
}

absl::StatusOr<SaisinePage> ListOrientationsAConfirmer(
    const ProjectionReader& reader, const std::string& caisse, size_t page_size,
    const std::string& page_token) {
  const std::string prefix = OrientationPrefix(caisse);
  return ReadPage(reader, ListingOf(prefix, /*reverse=*/false), page_size,
                  page_token, nullptr);
}

}  // namespace mediation
