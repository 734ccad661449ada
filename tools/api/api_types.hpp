#pragma once
// An HTTP request and response as the API handlers see them: plain values, no sockets, so every
// handler is a pure function testable without a network.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ordinal::api {

struct ApiRequest {
  std::string method;  ///< "GET", "POST", ...
  std::string target;  ///< path and query, e.g. "/api/v1/namespaces/test/pods?labelSelector=a%3Db"
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
};

struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, e.g. Warning
};

/// Server-wide settings of the API.
struct ApiOptions {
  /// Kubernetes behaviour: writing into a namespace that does not exist is 404 NotFound.
  /// Off (the default): the namespace is created on first use.
  bool strict_namespaces = false;
  /// The IPv4 range Service cluster IPs are allocated from (`--service-cidr`); see
  /// cluster_ip.hpp. ServiceCidr::parse checks it at start-up.
  std::string service_cidr = "10.96.0.0/12";
  /// The served zone as RFC 1035 master-file text (`reverse`: the reverse zones), answered at
  /// GET /apis/ordinal.dev/v1/zone. Empty: that path is 404 "zone export is not available".
  /// Called from API threads, so it must be thread-safe.
  std::function<std::string(bool reverse)> zone_text;
  /// Called after every successful POST, PUT, PATCH and DELETE, before the response is sent,
  /// so that a client's acknowledged write is already in what the server answers (the DNS
  /// zone waits for it). Empty: no wait. Called from API threads, so it must be thread-safe.
  std::function<void()> settle_writes;
  /// Where container logs are kept (`<data dir>/pods` with `--runtime process`; see
  /// pod_log.hpp). Empty: GET .../pods/NAME/log is 404.
  std::string pod_logs_root;
};

}  // namespace ordinal::api
