// `ordinal serve` safe to expose: bearer tokens, HTTPS with client certificates (the CLI and the
// real kubectl as clients), refusal of an exposed address without authentication, limits on
// slow, oversized and too many connections, and no way through the API to files outside the
// data directory. Certificates are made at run time with the openssl command line.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <vector>

#include "integration/cluster.hpp"
#include "integration/kubectl_path.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The port of "http://127.0.0.1:NNNN".
int port_of(const std::string& url) {
  return std::stoi(url.substr(url.rfind(':') + 1));
}

// A raw TCP client on loopback, to send what no well-behaved client would.
class RawClient {
 public:
  explicit RawClient(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  [[nodiscard]] bool connected() const { return connected_; }
  bool send(const std::string& data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
  }
  // Everything received until the server closes or `timeout` passes.
  std::string receive(std::chrono::milliseconds timeout = 5000ms) {
    std::string out;
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }
  // Whether the server has closed the connection (waits up to `timeout` for it).
  bool closed_by_server(std::chrono::milliseconds timeout) {
    receive(timeout);
    return closed_;
  }

 private:
  int fd_;
  bool connected_ = false;
  bool closed_ = false;
};

std::string status_line(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

// A token file only its owner can read.
fs::path write_tokens(const fs::path& dir, const std::string& text) {
  const auto path = dir / "tokens.csv";
  std::ofstream(path) << text;
  ::chmod(path.c_str(), 0600);
  return path;
}

// A throwaway CA, a server certificate for 127.0.0.1 and a client certificate for "alice", all
// signed by the CA, in `dir` (ca.crt, server.crt/key, client.crt/key); another CA (other-ca.crt)
// that signed nothing here.
bool make_pki(const fs::path& dir) {
  const std::string d = dir.string();
  const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  std::ofstream(dir / "server.ext")
      << "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n";
  std::ofstream(dir / "client.ext") << "extendedKeyUsage=clientAuth\n";
  const std::string script =
      "cd " + d + " && " +                                                                      //
      "openssl req -x509" + ec + " -keyout ca.key -out ca.crt -days 1 -subj /CN=test-ca && " +  //
      "openssl req -x509" + ec +
      " -keyout other-ca.key -out other-ca.crt -days 1 -subj /CN=other-ca && " +  //
      "openssl req" + ec + " -keyout server.key -out server.csr -subj /CN=ordinal && " +
      "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 "
      "-extfile server.ext -out server.crt && " +
      "openssl req" + ec + " -keyout client.key -out client.csr -subj /CN=alice && " +
      "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 "
      "-extfile client.ext -out client.crt";
  return std::system(("(" + script + ") >/dev/null 2>&1").c_str()) == 0;
}

std::vector<std::string> tls_flags(const fs::path& pki) {
  return {"--tls-cert-file",        (pki / "server.crt").string(),
          "--tls-private-key-file", (pki / "server.key").string(),
          "--client-ca-file",       (pki / "ca.crt").string()};
}

TEST(ApiSecurity, BearerTokensGuardEveryRequestButHealth) {
  TempDir dir;
  const auto tokens = write_tokens(dir.path(), "# who may\ngood-token,alice,1001\n");
  Server server(dir.path() / "data", {"--token-file", tokens.string()});
  EXPECT_EQ(server.errors(), "") << "a 0600 token file draws no warning";
  const int port = port_of(server.api_url());

  for (const std::string auth : {"", "Authorization: Bearer wrong-token\r\n"}) {
    RawClient client(port);
    client.send("GET /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\n" + auth +
                "Connection: close\r\n\r\n");
    const std::string response = client.receive();
    EXPECT_EQ(status_line(response), "HTTP/1.1 401 Unauthorized") << auth;
    EXPECT_NE(response.find("WWW-Authenticate: Bearer"), std::string::npos);
    EXPECT_NE(response.find("\"reason\":\"Unauthorized\""), std::string::npos);
    EXPECT_NE(response.find("\"kind\":\"Status\""), std::string::npos);
  }
  RawClient health(port);
  health.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_line(health.receive()), "HTTP/1.1 200 OK");

  auto refused = server.ordinal({"get", "pods"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("Unauthorized"), std::string::npos) << refused.err;
  EXPECT_EQ(server.ordinal({"get", "pods", "--token", "wrong-token"}).exit_code, 1);
  auto allowed = server.ordinal({"get", "pods", "--token", "good-token"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  ::setenv("ORDINAL_TOKEN", "good-token", 1);
  auto from_env = server.ordinal({"get", "namespaces"});
  ::unsetenv("ORDINAL_TOKEN");
  EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
  EXPECT_NE(from_env.out.find("default"), std::string::npos);
}

TEST(ApiSecurity, AReadableTokenFileDrawsAWarning) {
  TempDir dir;
  const auto tokens = write_tokens(dir.path(), "t,alice,1\n");
  ::chmod(tokens.c_str(), 0644);
  Server server(dir.path() / "data", {"--token-file", tokens.string()});
  EXPECT_NE(server.errors().find("readable by others"), std::string::npos) << server.errors();
}

TEST(ApiSecurity, HttpsWithClientCertificates) {
  TempDir dir;
  ASSERT_TRUE(make_pki(dir.path())) << "openssl could not make the test certificates";
  const fs::path& pki = dir.path();
  Server server(dir.path() / "data", tls_flags(pki));
  ASSERT_EQ(server.api_url().rfind("https://127.0.0.1:", 0), 0U) << server.api_url();
  const std::vector<std::string> trust = {"--certificate-authority", (pki / "ca.crt").string()};
  const std::vector<std::string> alice = {"--client-certificate", (pki / "client.crt").string(),
                                          "--client-key", (pki / "client.key").string()};
  auto with = [&](std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };

  auto got = server.ordinal(with(with({"get", "pods"}, trust), alice));
  EXPECT_EQ(got.exit_code, 0) << got.err;
  auto listed = server.ordinal(with(with({"get", "namespaces", "-o", "name"}, trust), alice));
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("namespace/default"), std::string::npos) << listed.out;

  // A watch streams over TLS too.
  Background watch(server, with(with({"get", "pods", "-w", "-o", "name"}, trust), alice),
                   dir.path() / "watch.out");
  const auto pod = dir.path() / "pod.yaml";
  std::ofstream(pod) << "apiVersion: v1\nkind: Pod\nmetadata: {name: p1}\n"
                        "spec: {containers: [{name: c, image: x}]}\n";
  std::this_thread::sleep_for(500ms);
  auto applied = server.ordinal(with(with({"apply", "-f", pod.string()}, trust), alice));
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
  std::this_thread::sleep_for(1500ms);
  EXPECT_NE(watch.stop().find("pod/p1"), std::string::npos);

  // No client certificate: the handshake (or the first read after it) fails.
  EXPECT_NE(server.ordinal(with({"get", "pods"}, trust)).exit_code, 0);
  // A server certificate from a CA the client does not trust.
  auto untrusted = server.ordinal(
      with(with({"get", "pods", "--certificate-authority", (pki / "other-ca.crt").string()}, {}),
           alice));
  EXPECT_NE(untrusted.exit_code, 0);
  EXPECT_NE(untrusted.err.find("certificate verify failed"), std::string::npos) << untrusted.err;
  // Plain HTTP to the TLS port gets nothing useful.
  EXPECT_NE(
      run_ordinal({"--server", "http://127.0.0.1:" + std::to_string(port_of(server.api_url())),
                   "get", "pods"})
          .exit_code,
      0);
}

TEST(ApiSecurity, EitherATokenOrACertificateOverHttps) {
  TempDir dir;
  ASSERT_TRUE(make_pki(dir.path()));
  const fs::path& pki = dir.path();
  const auto tokens = write_tokens(dir.path(), "good-token,bob,1002\n");
  auto flags = tls_flags(pki);
  flags.insert(flags.end(), {"--token-file", tokens.string()});
  Server server(dir.path() / "data", flags);
  const std::string ca = (pki / "ca.crt").string();
  EXPECT_EQ(server.ordinal({"get", "pods", "--certificate-authority", ca, "--token", "good-token"})
                .exit_code,
            0);
  EXPECT_EQ(
      server
          .ordinal({"get", "pods", "--certificate-authority", ca, "--client-certificate",
                    (pki / "client.crt").string(), "--client-key", (pki / "client.key").string()})
          .exit_code,
      0);
  EXPECT_EQ(server.ordinal({"get", "pods", "--certificate-authority", ca}).exit_code, 1);
  EXPECT_EQ(server.ordinal({"get", "pods", "--insecure-skip-tls-verify", "--token", "good-token"})
                .exit_code,
            0);
}

// kubectl's exit code and output for `ARGS` against `server` (stdin empty: it must not prompt).
CommandResult kubectl(const Server& server, const std::string& args) {
  CommandResult result;
  auto lines = command_lines(kubectl_path() + " --server " + server.api_url() + " " + args +
                             " </dev/null 2>&1; echo exit=$?");
  for (const auto& line : lines) result.out += line + "\n";
  result.exit_code = lines.empty() ? -1 : std::stoi(lines.back().substr(5));
  return result;
}

TEST(ApiSecurity, KubectlWithATokenOrAClientCertificate) {
  if (kubectl_path().empty()) GTEST_SKIP() << "kubectl is not installed";
  TempDir dir;
  ASSERT_TRUE(make_pki(dir.path()));
  const fs::path& pki = dir.path();
  const auto tokens = write_tokens(dir.path(), "good-token,bob,1002\n");
  auto flags = tls_flags(pki);
  flags.insert(flags.end(), {"--token-file", tokens.string()});
  Server server(dir.path() / "data", flags);
  const std::string ca = "--certificate-authority " + (pki / "ca.crt").string();

  auto by_token = kubectl(server, ca + " --token good-token get namespaces");
  EXPECT_EQ(by_token.exit_code, 0) << by_token.out;
  EXPECT_NE(by_token.out.find("default"), std::string::npos) << by_token.out;
  auto by_certificate =
      kubectl(server, ca + " --client-certificate " + (pki / "client.crt").string() +
                          " --client-key " + (pki / "client.key").string() + " get namespaces");
  EXPECT_EQ(by_certificate.exit_code, 0) << by_certificate.out;
  auto wrong = kubectl(server, ca + " --token wrong-token get namespaces");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.out.find("Unauthorized"), std::string::npos) << wrong.out;
}

TEST(ApiSecurity, AnExposedAddressWithoutAuthenticationRefusesToStart) {
  TempDir dir;
  for (const std::string listen : {"0.0.0.0:0", "[::]:0"}) {
    auto result = run_ordinal({"serve", "--data-dir", (dir.path() / "data").string(),
                               "--api-listen", listen, "--dns-listen", "127.0.0.1:0"});
    EXPECT_EQ(result.exit_code, 1) << listen;
    EXPECT_EQ(result.out, "");
    EXPECT_NE(result.err.find("is not a loopback address"), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "data")) << "refused before touching the data directory";
}

TEST(ApiSecurity, ASlowlorisClientIsCutOffWhileOthersAreServed) {
  TempDir dir;
  Server server(dir.path() / "data");
  RawClient slow(port_of(server.api_url()));
  ASSERT_TRUE(slow.connected());
  const std::string header = "GET /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nX-Pad: ";
  const auto start = Clock::now();
  std::future<CommandResult> other;
  bool closed = false;
  for (std::size_t i = 0; !closed && Clock::now() - start < 20s; ++i) {
    slow.send(std::string(1, i < header.size() ? header[i] : 'a'));
    if (i == 3)
      other = std::async(std::launch::async, [&] { return server.ordinal({"get", "pods"}); });
    closed = slow.closed_by_server(1000ms);
  }
  const auto held = Clock::now() - start;
  EXPECT_TRUE(closed) << "still connected after 20 s";
  EXPECT_GE(held, 9s);
  EXPECT_LE(held, 14s) << "the header timeout is 10 s";
  ASSERT_TRUE(other.valid());
  const auto served = other.get();
  EXPECT_EQ(served.exit_code, 0) << served.err;
}

TEST(ApiSecurity, OversizedRequestsAreAnsweredAndClosed) {
  TempDir dir;
  Server server(dir.path() / "data");
  const int port = port_of(server.api_url());
  RawClient big_header(port);
  big_header.send("GET /api/v1/pods HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(66 * 1024, 'a') +
                  "\r\n\r\n");
  EXPECT_EQ(status_line(big_header.receive()), "HTTP/1.1 431 Request Header Fields Too Large");
  RawClient big_body(port);
  big_body.send(
      "POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: 4194304\r\n\r\n{");
  const std::string response = big_body.receive();
  EXPECT_EQ(status_line(response), "HTTP/1.1 413 Payload Too Large");
  EXPECT_NE(response.find("RequestEntityTooLarge"), std::string::npos);
  EXPECT_EQ(server.ordinal({"get", "pods"}).exit_code, 0) << "the server goes on";
}

TEST(ApiSecurity, ConnectionsBeyondTheCapAreClosedAtOnce) {
  TempDir dir;
  Server server(dir.path() / "data", {"--api-max-connections", "3"});
  const int port = port_of(server.api_url());
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 3; ++i) idle.push_back(std::make_unique<RawClient>(port));
  std::this_thread::sleep_for(300ms);  // accepted and counted
  RawClient extra(port);
  EXPECT_TRUE(extra.closed_by_server(2000ms)) << "a fourth connection is closed";
  for (auto& client : idle) EXPECT_FALSE(client->closed_by_server(10ms));
  idle.clear();
  EXPECT_TRUE(wait_until([&] { return server.ordinal({"get", "pods"}).exit_code == 0; }, 10s));
}

// Every file below `root`, relative to it.
std::vector<std::string> files_below(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    files.push_back(fs::relative(entry.path(), root).string());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ApiSecurity, NoNameReachesTheFileSystemOutsideTheDataDirectory) {
  TempDir dir;
  Server server(dir.path() / "data");
  const int port = port_of(server.api_url());
  auto before = files_below(dir.path());
  auto post = [&](const std::string& path, const std::string& name) {
    const std::string body =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":" + name +
        "},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}";
    RawClient client(port);
    client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                body);
    return status_line(client.receive());
  };
  const std::string invalid = "HTTP/1.1 422 Unprocessable Entity";
  for (const std::string& name :
       std::vector<std::string>{"\"../evil\"", "\"a/b\"", "\"..\"", "\"a\\u0000b\"",
                                "\"" + std::string(300, 'a') + "\""})
    EXPECT_EQ(post("/api/v1/namespaces/default/pods", name), invalid) << name;
  for (const std::string& ns :
       std::vector<std::string>{"%2E%2E", "..%2Fevil", "a%00b", "%2Fetc", std::string(70, 'n')})
    EXPECT_EQ(post("/api/v1/namespaces/" + ns + "/pods", "\"ok\""), invalid) << ns;
  // Container logs are named by the pod's container list, never by the query.
  ASSERT_EQ(post("/api/v1/namespaces/default/pods", "\"web\""), "HTTP/1.1 201 Created");
  RawClient log(port);
  log.send(
      "GET /api/v1/namespaces/default/pods/web/log?container=..%2F..%2F..%2Fetc%2Fpasswd "
      "HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string answer = log.receive();
  EXPECT_EQ(answer.find("root:"), std::string::npos);
  EXPECT_EQ(status_line(answer).substr(9, 1), "4") << status_line(answer);
  auto after = files_below(dir.path());
  std::erase_if(after, [](const std::string& f) { return f.rfind("data", 0) == 0; });
  std::erase_if(before, [](const std::string& f) { return f.rfind("data", 0) == 0; });
  EXPECT_EQ(after, before) << "nothing created beside the data directory";
}

TEST(ApiSecurity, ReclaimingAVolumeNeverDeletesAPathOutsideTheVolumesRoot) {
  TempDir dir;
  Server server(dir.path() / "data");
  const fs::path outside = dir.path() / "outside";
  fs::create_directories(outside);
  std::ofstream(outside / "keep") << "precious\n";
  const auto manifest = dir.path() / "pv.yaml";
  std::ofstream(manifest)
      << "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: outside}\n"
         "spec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n"
         "  persistentVolumeReclaimPolicy: Delete\n"
         "  storageClassName: manual\n  hostPath: {path: "
      << outside.string()
      << "}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\n"
         "metadata: {name: claim}\nspec:\n  accessModes: [ReadWriteOnce]\n"
         "  storageClassName: manual\n  resources: {requests: {storage: 1Gi}}\n";
  ASSERT_EQ(server.ordinal({"apply", "-f", manifest.string()}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] {
    return get_object(server, "pvc", "claim", "default")["status"].value("phase", "") == "Bound";
  }));
  ASSERT_EQ(server.ordinal({"delete", "pvc", "claim"}).exit_code, 0);
  EXPECT_TRUE(wait_until([&] { return list_objects(server, "pv", "default").empty(); }));
  EXPECT_TRUE(fs::exists(outside / "keep")) << "the volume's object went, its directory stayed";
}

}  // namespace
}  // namespace ordinal::testing
