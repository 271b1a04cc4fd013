#include "domain/personal_data.h"

namespace mediation {
namespace {

void Masquer(std::string& value) {
  if (!value.empty()) value = kMasque;
}

bool Renseigne(const Requerant& requerant) {
  return !requerant.nir.empty() || !requerant.email.empty() ||
         !requerant.telephone.empty() || !requerant.adresse.empty();
}

}  // namespace

bool PorteDonneesPersonnelles(const SaisineEvent& event) {
  if (const auto* recue = std::get_if<SaisineRecue>(&event)) {
    return Renseigne(recue->requerant);
  }
  if (const auto* rectifiees = std::get_if<DonneesRectifiees>(&event)) {
    return Renseigne(rectifiees->corrigee.requerant);
  }
  return false;
}

void MasquerRequerant(Requerant& requerant) {
  Masquer(requerant.nir);
  Masquer(requerant.email);
  Masquer(requerant.telephone);
  Masquer(requerant.adresse);
}

void MasquerEvenement(SaisineEvent& event) {
  // The requester is carried by the registration and its rectifications.
  if (auto* recue = std::get_if<SaisineRecue>(&event)) {
    MasquerRequerant(recue->requerant);
  } else if (auto* rectifiees = std::get_if<DonneesRectifiees>(&event)) {
    MasquerRequerant(rectifiees->corrigee.requerant);
  }
}

}  // namespace mediation
