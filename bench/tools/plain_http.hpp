#pragma once
// A blocking HTTP/1.1 client over a plain POSIX socket for the benchmark tools: nothing between
// the measured events but send() and recv(). Header-only; each tool is one executable.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace bench {

struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
};

inline Endpoint parse_endpoint(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("expected HOST:PORT: " + text);
  return {text.substr(0, colon), static_cast<std::uint16_t>(std::stoi(text.substr(colon + 1)))};
}

inline sockaddr_in address_of(const Endpoint& endpoint) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(endpoint.port);
  if (inet_pton(AF_INET, endpoint.host.c_str(), &address.sin_addr) != 1)
    throw std::invalid_argument("not an IPv4 address: " + endpoint.host);
  return address;
}

inline int connected_socket(const Endpoint& endpoint, int type) {
  const int fd = socket(AF_INET, type, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  const sockaddr_in address = address_of(endpoint);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("cannot connect to " + endpoint.host + ":" +
                             std::to_string(endpoint.port));
  if (type == SOCK_STREAM) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return fd;
}

/// One kept-alive HTTP/1.1 connection; request() returns the status code once the whole
/// response (Content-Length or chunked is not needed: the API answers with Content-Length) is read.
class HttpConnection {
 public:
  explicit HttpConnection(const Endpoint& api)
      : api_(api), fd_(connected_socket(api, SOCK_STREAM)) {}
  ~HttpConnection() { close(fd_); }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  int request(const std::string& method, const std::string& target, const std::string& type,
              const std::string& body) {
    std::string message = method + " " + target + " HTTP/1.1\r\nHost: " + api_.host +
                          "\r\nContent-Type: " + type +
                          "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    for (std::size_t sent = 0; sent < message.size();) {
      const ssize_t n = send(fd_, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("API connection lost while sending");
      sent += static_cast<std::size_t>(n);
    }
    return read_response();
  }

 private:
  int read_response() {
    std::size_t header_end = std::string::npos;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) fill();
    const std::string header = buffer_.substr(0, header_end);
    const int status = std::stoi(header.substr(header.find(' ') + 1, 3));
    std::size_t length = 0;
    std::string lower = header;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (const auto at = lower.find("content-length:"); at != std::string::npos)
      length = std::stoul(lower.substr(at + 15));
    while (buffer_.size() < header_end + 4 + length) fill();
    buffer_.erase(0, header_end + 4 + length);
    return status;
  }

  void fill() {
    char chunk[65536];
    const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) throw std::runtime_error("API connection lost while reading");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }

  Endpoint api_;
  int fd_;
  std::string buffer_;
};

}  // namespace bench
