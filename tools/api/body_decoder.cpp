#include "tools/api/body_decoder.hpp"

#include <set>

#include "identity/yaml_to_json.hpp"
#include "tools/api/protobuf_body.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

// Tracks where the parser is, so a repeated key can be reported by its full path.
class DuplicateFinder {
 public:
  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        count_element();
        frames_.push_back({event == Json::parse_event_t::array_start, {}, {}, -1});
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
      case Json::parse_event_t::key:
        on_key(parsed.get<std::string>());
        break;
      case Json::parse_event_t::value:
        count_element();
        break;
    }
    return true;
  }
  std::vector<std::string> duplicates;

 private:
  struct Frame {
    bool array = false;
    std::set<std::string> keys;
    std::string key;
    long index = -1;
  };

  void count_element() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }

  void on_key(const std::string& key) {
    if (frames_.empty()) return;
    Frame& top = frames_.back();
    top.key = key;
    if (top.keys.insert(key).second) return;
    std::string path;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      if (frames_[i].array) {
        path += "[" + std::to_string(frames_[i].index) + "]";
      } else {
        if (!path.empty()) path += ".";
        path += frames_[i].key;
      }
    }
    duplicates.push_back(path.empty() ? key : path + "." + key);
  }

  std::vector<Frame> frames_;
};

}  // namespace

identity::Result<Json> yaml_body_to_json(const std::string& text) {
  std::vector<identity::YamlChunk> chunks = identity::split_yaml_documents(text);
  if (chunks.size() != 1)
    return identity::bad_request(
        "error converting YAML to JSON: the body must hold exactly one "
        "YAML document, not " +
        std::to_string(chunks.size()));
  identity::YamlDocument document = identity::yaml_to_json(chunks.front());
  if (!document.problems.empty()) {
    const auto& problem = document.problems.front();
    return identity::bad_request("error converting YAML to JSON: line " +
                                 std::to_string(problem.line) + ": " + problem.message);
  }
  return std::move(document.value);
}

identity::Result<DecodedBody> decode_body(const std::string& body,
                                          const std::string& content_type) {
  DecodedBody decoded;
  const std::string type = content_type.substr(0, content_type.find(';'));
  if (type == "application/yaml" || type == "application/x-yaml") {
    auto object = yaml_body_to_json(body);
    if (!object) return object.error();
    decoded.object = std::move(*object);
  } else if (type == "application/vnd.kubernetes.protobuf") {
    auto object = decode_protobuf_body(body);
    if (!object) return object.error();
    decoded.object = std::move(*object);
  } else if (!type.empty() && type.find("json") == std::string::npos) {
    return identity::unsupported_media_type(
        "the body of the request was in an unknown format - "
        "accepted media types include: application/json, "
        "application/yaml, application/vnd.kubernetes.protobuf");
  } else {
    DuplicateFinder finder;
    try {
      decoded.object = Json::parse(body, std::ref(finder));
    } catch (const Json::exception& e) {  // a syntax error, or a number beyond a double
      return identity::bad_request("the body of the request is not valid JSON: " +
                                   std::string(e.what()));
    }
    decoded.duplicate_fields = std::move(finder.duplicates);
  }
  if (!decoded.object.is_object())
    return identity::bad_request("the body of the request must be a JSON object, got " +
                                 std::string(decoded.object.type_name()));
  return decoded;
}

}  // namespace ordinal::api
