#include "domain/personal_data.h"

namespace mediation {
namespace {

void Masquer(std::string& value) {
  if (!value.empty()) value = kMasque;
}

}  // namespace

void MasquerRequerant(Requerant& requerant) {
  Masquer(requerant.nir);
  Masquer(requerant.email);
  Masquer(requerant.telephone);
  Masquer(requerant.adresse);
}

void MasquerEvenement(SaisineEvent& event) {
  struct Masker {
    void operator()(SaisineRecue& e) const { MasquerRequerant(e.requerant); }
  };
  std::visit(Masker{}, event);
}

}  // namespace mediation
