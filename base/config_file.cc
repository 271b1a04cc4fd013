#include "base/config_file.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace mediation {

std::optional<std::string> FlagFromArgs(int argc, char** argv,
                                        absl::string_view flag) {
  std::optional<std::string> value;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") break;
    if (!absl::ConsumePrefix(&arg, "--") && !absl::ConsumePrefix(&arg, "-")) {
      continue;
    }
    if (!absl::ConsumePrefix(&arg, flag)) continue;
    if (absl::ConsumePrefix(&arg, "=")) {
      value = std::string(arg);
    } else if (arg.empty() && i + 1 < argc) {
      value = std::string(argv[++i]);
    }
  }
  return value;
}

absl::Status ApplyConfig(absl::string_view path, absl::string_view text) {
  std::vector<std::pair<absl::CommandLineFlag*, std::string>> settings;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const size_t equals = line.find('=');
    const auto where = [&] { return absl::StrCat(path, ":", number, ": "); };
    if (equals == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "expected 'name = value', got '", line, "'"));
    }
    const std::string name(absl::StripAsciiWhitespace(line.substr(0, equals)));
    const std::string value(
        absl::StripAsciiWhitespace(line.substr(equals + 1)));
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr || name == "config") {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "unknown setting '", name, "'"));
    }
    settings.emplace_back(flag, value);
  }
  // A bad value puts back what was set before it: a bad file sets nothing.
  std::vector<std::pair<absl::CommandLineFlag*, std::string>> before;
  for (auto& [flag, value] : settings) {
    before.emplace_back(flag, flag->CurrentValue());
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      for (auto it = before.rbegin(); it != before.rend(); ++it) {
        std::string ignored;
        it->first->ParseFrom(it->second, &ignored);
      }
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": '", flag->Name(), "': ", error));
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyConfigFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return absl::NotFoundError(
        absl::StrCat("cannot read the configuration file ", path));
  }
  std::stringstream text;
  text << file.rdbuf();
  return ApplyConfig(path, text.str());
}

}  // namespace mediation
