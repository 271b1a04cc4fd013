// PDFs and screenshots of the pages mediationctl writes, by Debian's
// headless Chromium (package chromium).
#ifndef MEDIATION_CMD_MEDIATIONCTL_CHROMIUM_H_
#define MEDIATION_CMD_MEDIATIONCTL_CHROMIUM_H_

#include <string>

#include "absl/status/status.h"

namespace mediation::ctl {

// Prints the page `html_path` to `pdf_path` (A4, the page's own print
// style, no browser header or footer). FAILED_PRECONDITION saying what to
// install when Chromium is missing.
absl::Status ImprimerPdf(const std::string& html_path,
                         const std::string& pdf_path);

}  // namespace mediation::ctl

#endif  // MEDIATION_CMD_MEDIATIONCTL_CHROMIUM_H_
