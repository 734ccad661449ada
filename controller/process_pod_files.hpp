#pragma once
// The per-pod files of the process runtime: what a pod sees at /etc/resolv.conf and /etc/hosts
// (bind-mounted into its mount namespace), where its containers' logs go, and how long a
// crashed container waits before it is started again. Pure functions, tested without a pod.
#include <chrono>
#include <filesystem>
#include <string>

namespace ordinal::controller {

/// /etc/resolv.conf of a pod in namespace `ns`, as the kubelet writes it for ClusterFirst:
/// `nameserver <dns_address>`, `search <ns>.svc.<zone> svc.<zone> <zone>`, `options ndots:5`.
[[nodiscard]] std::string resolv_conf_text(const std::string& ns, const std::string& zone,
                                           const std::string& dns_address);

/// /etc/hosts of a pod: localhost lines, then `<pod_ip> <fqdn> <hostname>` (the FQDN
/// `<hostname>.<subdomain>.<ns>.svc.<zone>` when the pod has a subdomain, as a StatefulSet's
/// pods do; else just the hostname).
[[nodiscard]] std::string hosts_text(const std::string& pod_ip, const std::string& hostname,
                                     const std::string& subdomain, const std::string& ns,
                                     const std::string& zone);

/// The directory of one pod (its resolv.conf, hosts, emptyDir volumes and logs), named as the
/// kubelet names /var/log/pods entries: `<root>/<ns>_<pod>_<uid>`. Removed with the pod
/// object.
[[nodiscard]] std::filesystem::path pod_directory(const std::filesystem::path& root,
                                                  const std::string& ns, const std::string& pod,
                                                  const std::string& uid);

/// Where the log of one run of a container is kept: `<pod_directory>/<container>/<restart>.log`.
/// Only the current run and the one before it are kept (what `logs` and `logs --previous`
/// read), so a crash-looping container does not fill the disk.
[[nodiscard]] std::filesystem::path container_log_path(const std::filesystem::path& root,
                                                       const std::string& ns,
                                                       const std::string& pod,
                                                       const std::string& uid,
                                                       const std::string& container, int restart);

/// The kubelet's crash-loop back-off: after the n-th exit (n >= 1) the container waits
/// `base * 2^(n-1)`, at most `cap` (10s, 20s, 40s, ... 5m by default).
[[nodiscard]] std::chrono::milliseconds restart_delay(
    int exits, std::chrono::milliseconds base = std::chrono::seconds{10},
    std::chrono::milliseconds cap = std::chrono::minutes{5});

}  // namespace ordinal::controller
