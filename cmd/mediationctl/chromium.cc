#include "cmd/mediationctl/chromium.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "base/subprocess.h"

ABSL_FLAG(std::string, chromium, "chromium",
          "rapport, lettre: the Chromium program that prints PDFs.");

namespace mediation::ctl {

absl::Status ImprimerPdf(const std::string& html_path,
                         const std::string& pdf_path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path page = fs::absolute(html_path, error);
  if (error)
    return absl::InvalidArgumentError(html_path + ": " + error.message());
  // A profile of its own: a browser the user has open is left alone.
  std::string profil = (fs::temp_directory_path() / "mediationctl-XXXXXX");
  if (mkdtemp(profil.data()) == nullptr) {
    return absl::InternalError("cannot make a temporary Chromium profile");
  }
  std::vector<std::string> argv = {
      absl::GetFlag(FLAGS_chromium),
      "--headless",
      "--disable-gpu",
      "--no-first-run",
      "--no-pdf-header-footer",
      absl::StrCat("--user-data-dir=", profil),
      absl::StrCat("--print-to-pdf=", fs::absolute(pdf_path).string()),
  };
  // Chromium's sandbox refuses root; the page is our own file.
  if (geteuid() == 0) argv.push_back("--no-sandbox");
  argv.push_back("file://" + page.string());
  const std::string journal = profil + "/chromium.log";
  absl::Status status = RunProgram(argv, journal, absl::Seconds(120));
  fs::remove_all(profil, error);
  if (absl::IsNotFound(status)) {
    return absl::FailedPreconditionError(absl::StrCat(
        status.message(),
        ": install Debian's chromium (apt install chromium), name it with "
        "--chromium=PATH, or pass --pdf=false"));
  }
  if (status.ok() && !fs::exists(pdf_path)) {
    return absl::InternalError(absl::StrCat(argv[0], " wrote no ", pdf_path));
  }
  return status;
}

}  // namespace mediation::ctl
