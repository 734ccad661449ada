#include "controller/process_pod_files.hpp"

namespace ordinal::controller {

std::string resolv_conf_text(const std::string& ns, const std::string& zone,
                             const std::string& dns_address) {
  return "nameserver " + dns_address + "\nsearch " + ns + ".svc." + zone + " svc." + zone + " " +
         zone + "\noptions ndots:5\n";
}

std::string hosts_text(const std::string& pod_ip, const std::string& hostname,
                       const std::string& subdomain, const std::string& ns,
                       const std::string& zone) {
  std::string text =
      "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
      "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\n"
      "fe00::2\tip6-allrouters\n";
  text += pod_ip + "\t";
  if (!subdomain.empty()) text += hostname + "." + subdomain + "." + ns + ".svc." + zone + "\t";
  return text + hostname + "\n";
}

std::filesystem::path pod_directory(const std::filesystem::path& root, const std::string& ns,
                                    const std::string& pod, const std::string& uid) {
  return root / (ns + "_" + pod + "_" + uid);
}

std::filesystem::path container_log_path(const std::filesystem::path& root, const std::string& ns,
                                         const std::string& pod, const std::string& uid,
                                         const std::string& container, int restart) {
  return pod_directory(root, ns, pod, uid) / container / (std::to_string(restart) + ".log");
}

std::chrono::milliseconds restart_delay(int exits, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap) {
  std::chrono::milliseconds delay = base;
  for (int i = 1; i < exits && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

}  // namespace ordinal::controller
