#include "controller/process_launch.hpp"

#include <fstream>

#include "controller/process_env.hpp"
#include "controller/process_pod_files.hpp"
#include "identity/persistent_volume.hpp"
#include "identity/persistent_volume_claim.hpp"

namespace ordinal::controller {
namespace {

namespace fs = std::filesystem;

std::string path_of_source(const identity::Json& source) {
  return source.is_object() ? source.value("path", std::string()) : std::string();
}

std::string write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  return out ? std::string() : "cannot write " + path.string();
}

// The bind mounts of `container`: its volumeMounts, or an error naming the one that fails.
std::vector<BindMount> volume_mounts(const ObjectManager& objects, const identity::Pod& pod,
                                     const identity::Container& container, const fs::path& pod_dir,
                                     std::string& error) {
  std::vector<BindMount> mounts;
  for (const auto& mount : container.volume_mounts) {
    const identity::Volume* volume = pod.spec.find_volume(mount.name);
    if (volume == nullptr) {
      error = "volumeMount " + mount.name + ": no volume of that name";
      return {};
    }
    std::string why;
    fs::path source = volume_directory(objects, pod, volume->original, pod_dir, why);
    if (source.empty()) {
      error = "volume " + mount.name + ": " + why;
      return {};
    }
    if (!mount.sub_path.empty()) source /= mount.sub_path;
    std::error_code ec;
    fs::create_directories(source, ec);
    // The mount point must exist; a pod's mountPath is made on this machine when missing.
    if (!fs::exists(mount.mount_path, ec)) fs::create_directories(mount.mount_path, ec);
    mounts.push_back({source, mount.mount_path, mount.read_only.value_or(false)});
  }
  return mounts;
}

ContainerLaunch container_launch(const ObjectManager& objects, const identity::Pod& pod,
                                 const identity::Container& container, const fs::path& pod_dir,
                                 const LaunchSettings& settings) {
  ContainerLaunch launch;
  launch.container = container;
  for (const auto& status : pod.status.container_statuses)
    if (status.name == container.name) launch.restart_count = status.restart_count.value_or(0);
  if (container.command.empty()) {
    launch.error = "container " + container.name +
                   " has no command: the process runtime starts command and args as a local "
                   "process (the image " +
                   container.image + " names nothing runnable here)";
    return launch;
  }
  EnvironmentResult env = container_environment(pod, container, settings.default_path);
  if (!env.error.empty()) {
    launch.error = env.error;
    return launch;
  }
  SpawnSpec& spec = launch.spec;
  spec.argv = container_command_line(container, env.env);
  for (const auto& [name, value] : env.env) spec.env.push_back(name + "=" + value);
  spec.working_dir = container.original.value("workingDir", std::string("/"));
  spec.hostname = pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname;
  spec.private_namespaces = settings.private_namespaces;
  if (!settings.private_namespaces) {
    if (!container.volume_mounts.empty())
      launch.error = "volumeMounts need a private mount namespace: run ordinal serve as root";
    return launch;
  }
  spec.mounts = {{pod_dir / "etc.resolv.conf", "/etc/resolv.conf", false},
                 {pod_dir / "etc.hosts", "/etc/hosts", false}};
  std::string error;
  for (auto& mount : volume_mounts(objects, pod, container, pod_dir, error))
    spec.mounts.push_back(std::move(mount));
  launch.error = error;
  return launch;
}

}  // namespace

fs::path pod_directory(const fs::path& root, const identity::Pod& pod) {
  return controller::pod_directory(root, pod.metadata.ns, pod.metadata.name, pod.metadata.uid);
}

fs::path volume_directory(const ObjectManager& objects, const identity::Pod& pod,
                          const identity::Json& volume, const fs::path& pod_dir,
                          std::string& error) {
  if (volume.contains("hostPath")) return path_of_source(volume["hostPath"]);
  if (volume.contains("emptyDir")) {
    const fs::path dir = pod_dir / ("volume." + volume.value("name", std::string()));
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir;
  }
  if (!volume.contains("persistentVolumeClaim")) {
    error = "the process runtime mounts persistentVolumeClaim, hostPath and emptyDir volumes";
    return {};
  }
  const std::string claim_name = volume["persistentVolumeClaim"].value("claimName", std::string());
  auto claim = objects.get({"PersistentVolumeClaim", pod.metadata.ns, claim_name});
  const std::string bound =
      claim ? identity::PersistentVolumeClaim::from_json(**claim).spec.volume_name : "";
  if (bound.empty()) {
    error = "persistentvolumeclaim \"" + claim_name + "\" is not bound";
    return {};
  }
  auto pv = objects.get({"PersistentVolume", "", bound});
  if (!pv) {
    error = "persistentvolume \"" + bound + "\": " + pv.error().message;
    return {};
  }
  const auto spec = identity::PersistentVolume::from_json(**pv).spec;
  std::string path = path_of_source(spec.host_path);
  if (path.empty()) path = path_of_source(spec.original.value("local", identity::Json()));
  if (path.empty()) error = "persistentvolume \"" + bound + "\" has no hostPath or local path";
  return path;
}

PodLaunch prepare_launch(const ObjectManager& objects, const identity::Pod& pod,
                         const LaunchSettings& settings) {
  PodLaunch launch;
  launch.ns = pod.metadata.ns;
  launch.name = pod.metadata.name;
  launch.uid = pod.metadata.uid;
  launch.pod_ip = pod.status.pod_ip;
  launch.restart_policy = pod.spec.restart_policy.empty() ? "Always" : pod.spec.restart_policy;
  launch.log_root = settings.pods_root;
  launch.backoff_base = settings.backoff_base;
  const fs::path dir = pod_directory(settings.pods_root, pod);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string hostname = pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname;
  std::string error =
      write_file(dir / "etc.resolv.conf",
                 resolv_conf_text(pod.metadata.ns, settings.zone, settings.dns_address));
  if (error.empty())
    error =
        write_file(dir / "etc.hosts", hosts_text(pod.status.pod_ip, hostname, pod.spec.subdomain,
                                                 pod.metadata.ns, settings.zone));
  for (const auto& container : pod.spec.containers) {
    launch.containers.push_back(container_launch(objects, pod, container, dir, settings));
    if (!error.empty() && launch.containers.back().error.empty())
      launch.containers.back().error = error;
  }
  return launch;
}

}  // namespace ordinal::controller
