#include "tools/api/cluster_ip.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

#include "identity/metadata.hpp"
#include "identity/service.hpp"

namespace ordinal::api {
namespace {

using identity::ApiError;
using identity::Json;

// kube-apiserver refuses service ranges with more than 20 host bits.
constexpr int kWidestPrefix = 12;
// A /31 or /32 has no address left once network, broadcast and the reserved one are out.
constexpr int kNarrowestPrefix = 30;

// Serialises "read the addresses in use, then write the Service" across all API threads.
std::mutex& allocation_mutex() {
  static std::mutex mutex;
  return mutex;
}

ApiError allocation_error(const Json& service, const std::string& ip, const std::string& why) {
  const std::string name = identity::metadata_string(service, "name");
  identity::StatusCause cause{
      "FieldValueInvalid",
      "Invalid value: []string{\"" + ip + "\"}: failed to allocate IP " + ip + ": " + why,
      "spec.clusterIPs"};
  return identity::invalid("Service", "", name, {std::move(cause)});
}

std::optional<std::uint32_t> lowest_free(const ServiceCidr& range,
                                         const std::set<std::uint32_t>& in_use) {
  for (std::uint32_t candidate = range.first_dynamic(); candidate <= range.last(); ++candidate)
    if (!in_use.contains(candidate)) return candidate;
  return std::nullopt;
}

void write_address(Json& spec, const std::string& ip) {
  spec["clusterIP"] = ip;
  spec["clusterIPs"] = Json::array({ip});
  spec["ipFamilies"] = Json::array({"IPv4"});
  spec["ipFamilyPolicy"] = "SingleStack";
}

}  // namespace

ServiceCidr ServiceCidr::parse(std::string_view text) {
  const std::string shown(text);
  identity::Ipv4Cidr cidr;
  try {
    cidr = identity::Ipv4Cidr::parse(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("invalid service CIDR \"" + shown +
                                "\": expected an IPv4 range such as 10.96.0.0/12");
  }
  if (cidr.prefix < kWidestPrefix)
    throw std::invalid_argument("invalid service CIDR \"" + shown +
                                "\": too large; the prefix must be /12 or longer");
  if (cidr.prefix > kNarrowestPrefix)
    throw std::invalid_argument("invalid service CIDR \"" + shown +
                                "\": too small; the prefix must be /30 or shorter");
  ServiceCidr range;
  range.network_ = cidr.network;
  range.broadcast_ = cidr.last_host() + 1;
  range.prefix_ = cidr.prefix;
  return range;
}

bool ServiceCidr::contains(std::uint32_t address) const {
  return address > network_ && address < broadcast_;
}

std::string ServiceCidr::to_string() const {
  return format_ipv4(network_) + "/" + std::to_string(prefix_);
}

std::set<std::uint32_t> allocated_cluster_ips(const identity::Registry& registry,
                                              const std::string& ns, const std::string& name) {
  std::set<std::uint32_t> out;
  for (const auto& object :
       registry.list(std::string(identity::Service::kKind), std::nullopt).items) {
    const auto service = identity::Service::from_json(*object);
    if (service.metadata.ns == ns && service.metadata.name == name) continue;
    std::vector<std::string> ips = service.spec.cluster_ips;
    ips.push_back(service.spec.cluster_ip);
    for (const auto& ip : ips)
      if (auto address = parse_ipv4(ip)) out.insert(*address);
  }
  return out;
}

std::optional<ApiError> assign_cluster_ip(Json& service, const Json* stored,
                                          const ServiceCidr& range,
                                          const std::set<std::uint32_t>& in_use) {
  Json& spec = service["spec"];
  if (!spec.is_object()) return std::nullopt;  // validation has reported it
  if (identity::string_member(spec, "type") == "ExternalName") return std::nullopt;
  const std::string requested = identity::string_member(spec, "clusterIP");
  if (requested == "None") return std::nullopt;
  if (stored != nullptr && !requested.empty()) {
    // Immutable once set (validation refuses a change): the stored address stays.
    const auto stored_spec = stored->value("spec", Json::object());
    if (identity::string_member(stored_spec, "clusterIP") == requested) return std::nullopt;
  }
  if (requested.empty()) {
    const auto address = lowest_free(range, in_use);
    if (!address)
      return identity::internal_error(
          "Internal error occurred: failed to allocate a serviceIP: range is full");
    write_address(spec, format_ipv4(*address));
    return std::nullopt;
  }
  const auto address = parse_ipv4(requested);
  if (!address || !range.contains(*address))
    return allocation_error(
        service, requested,
        "provided IP is not in the valid range. The range of valid IPs is " + range.to_string());
  if (in_use.contains(*address))
    return allocation_error(service, requested, "provided IP is already allocated");
  write_address(spec, requested);
  return std::nullopt;
}

identity::Result<ClusterIpAllocation> ClusterIpAllocation::run(const identity::Registry& registry,
                                                               const ApiOptions& options,
                                                               Json& object, const Json* stored) {
  if (identity::string_member(object, "kind") != identity::Service::kKind)
    return ClusterIpAllocation();
  const ServiceCidr range = ServiceCidr::parse(options.service_cidr);
  std::unique_lock lock(allocation_mutex());
  // An update must not count the Service's own address as someone else's; a create of a taken
  // name fails in the registry whatever address it gets.
  const auto in_use =
      stored == nullptr
          ? allocated_cluster_ips(registry, "", "")
          : allocated_cluster_ips(registry, identity::metadata_string(object, "namespace"),
                                  identity::metadata_string(object, "name"));
  if (auto error = assign_cluster_ip(object, stored, range, in_use)) return *error;
  return ClusterIpAllocation(std::move(lock));
}

}  // namespace ordinal::api
