#include "store/secret_key.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "common/secret_box.h"

namespace koers::store {

namespace {

std::string hex(const std::string& in) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : in) out += {digits[c >> 4], digits[c & 15]};
  return out;
}

// 64 hex characters (and a line break) → 32 bytes; "" when malformed.
std::string unhex(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.size() != 64) return "";
  std::string out;
  for (size_t i = 0; i < 64; i += 2) {
    const std::string pair = text.substr(i, 2);
    if (pair.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return "";
    out += static_cast<char>(std::stoi(pair, nullptr, 16));
  }
  return out;
}

}  // namespace

std::string SecretKeyFile::key(bool create) {
  std::lock_guard lock(mutex_);
  if (!key_.empty()) return key_;
  if (path_.empty())
    throw SecretKeyError("Koers heeft geen sleutelbestand om wachtwoorden versleuteld te bewaren "
                         "(koers serve --secret-key-file of KOERS_SECRET_KEY_FILE)");
  int fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create) {
    const std::string made = new_secret_key();
    fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      const std::string text = hex(made) + "\n";
      const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && fsync(fd) == 0;
      close(fd);
      if (!written) {
        unlink(path_.c_str());
        throw SecretKeyError(fmt::format("het sleutelbestand {} kon niet worden geschreven", path_));
      }
      key_ = made;
      return key_;
    }
    if (errno != EEXIST)
      throw SecretKeyError(fmt::format("het sleutelbestand {} kon niet worden gemaakt ({})", path_, std::strerror(errno)));
    fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);  // another instance made it just now
  }
  if (fd < 0)
    throw SecretKeyError(errno == ENOENT ? fmt::format("het sleutelbestand {} ontbreekt", path_)
                                         : fmt::format("het sleutelbestand {} is niet te lezen ({})", path_,
                                                       std::strerror(errno)));
  struct stat st {};
  fstat(fd, &st);
  if (st.st_mode & 077)
    std::cerr << fmt::format("Let op: het sleutelbestand {} is leesbaar voor anderen; chmod 600.\n", path_);
  char buffer[128];
  const ssize_t n = read(fd, buffer, sizeof buffer);
  close(fd);
  const std::string bytes = n > 0 ? unhex(std::string(buffer, static_cast<size_t>(n))) : "";
  if (bytes.empty()) throw SecretKeyError(fmt::format("het sleutelbestand {} heeft niet de verwachte inhoud", path_));
  key_ = bytes;
  return key_;
}

std::string default_secret_key_path(const std::string& db_url) {
  if (db_url.rfind("postgres", 0) == 0) return "";
  const std::string file = db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url;
  return file.empty() || file == ":memory:" ? "" : file + ".key";
}

}  // namespace koers::store
