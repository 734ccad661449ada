#pragma once
// Turning a pod object into what the process runtime starts (process_pod.hpp): per container
// its command line, environment, log place and bind mounts; per pod its /etc/resolv.conf and
// /etc/hosts files, written under the pod's directory. A container that cannot run here (no
// `command`, a `valueFrom` other than fieldRef, a volume with no directory on this machine, a
// mount without mount namespaces) gets an error that its status shows, and is never started.
#include <chrono>
#include <filesystem>
#include <string>

#include "controller/object_manager.hpp"
#include "controller/process_pod.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

struct LaunchSettings {
  std::filesystem::path pods_root;  ///< per-pod directories: files and logs
  std::string zone = "cluster.local";
  std::string dns_address;          ///< the nameserver of the pods' resolv.conf
  bool private_namespaces = false;  ///< mount + UTS namespaces (root only)
  std::string default_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  std::chrono::milliseconds backoff_base{std::chrono::seconds{10}};
};

/// The directory on this machine behind volume `volume` of `pod`: a bound claim's
/// PersistentVolume (hostPath or local path), a hostPath volume, or an emptyDir under the pod's
/// directory (created). Empty with `error` set when there is none.
[[nodiscard]] std::filesystem::path volume_directory(const ObjectManager& objects,
                                                     const identity::Pod& pod,
                                                     const identity::Json& volume,
                                                     const std::filesystem::path& pod_dir,
                                                     std::string& error);

/// The pod's directory under `root`: `<ns>_<name>_<uid>`.
[[nodiscard]] std::filesystem::path pod_directory(const std::filesystem::path& root,
                                                  const identity::Pod& pod);

/// Everything ProcessPod needs for `pod` (which must have its address). Writes the pod's
/// resolv.conf and hosts files; restart counts continue from the stored container statuses.
[[nodiscard]] PodLaunch prepare_launch(const ObjectManager& objects, const identity::Pod& pod,
                                       const LaunchSettings& settings);

}  // namespace ordinal::controller
