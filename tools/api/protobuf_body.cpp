// A minimal protobuf wire-format reader for the messages listed in protobuf_body.hpp. Field
// numbers are those of k8s.io/api and k8s.io/apimachinery generated.proto.
#include "tools/api/protobuf_body.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ordinal::api {
namespace {

using identity::Json;

constexpr std::string_view kMagic{"k8s\0", 4};

struct Field {
  std::uint32_t number = 0;
  std::uint32_t wire_type = 0;
  std::uint64_t varint = 0;
  std::string_view bytes;
};

// Walks the fields of one message; `visit` returns false to reject the message.
bool for_each_field(std::string_view message, const std::function<bool(const Field&)>& visit) {
  std::size_t pos = 0;
  auto read_varint = [&](std::uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64 && pos < message.size(); shift += 7) {
      auto byte = static_cast<unsigned char>(message[pos++]);
      out |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  };
  while (pos < message.size()) {
    std::uint64_t tag = 0;
    if (!read_varint(tag)) return false;
    Field field{static_cast<std::uint32_t>(tag >> 3), static_cast<std::uint32_t>(tag & 7), 0, {}};
    if (field.wire_type == 0) {
      if (!read_varint(field.varint)) return false;
    } else if (field.wire_type == 2) {
      std::uint64_t length = 0;
      if (!read_varint(length) || length > message.size() - pos) return false;
      field.bytes = message.substr(pos, static_cast<std::size_t>(length));
      pos += static_cast<std::size_t>(length);
    } else if (field.wire_type == 1 || field.wire_type == 5) {
      std::size_t width = field.wire_type == 1 ? 8 : 4;
      if (width > message.size() - pos) return false;
      pos += width;
    } else {
      return false;
    }
    if (!visit(field)) return false;
  }
  return true;
}

std::string base64(std::string_view data) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : data) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (6 - bits)) & 0x3f]);
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

// map<string, string|bytes> entries: key = 1, value = 2.
bool add_map_entry(Json& map, std::string_view entry, bool bytes_value) {
  std::string key;
  std::string value;
  bool ok = for_each_field(entry, [&](const Field& f) {
    if (f.number == 1) key = f.bytes;
    if (f.number == 2) value = f.bytes;
    return true;
  });
  map[key] = bytes_value ? base64(value) : value;
  return ok;
}

std::optional<Json> object_meta(std::string_view message) {
  Json meta = Json::object();
  bool ok = for_each_field(message, [&](const Field& f) {
    // Go's generated marshallers write empty strings too; JSON leaves them out.
    static const char* const strings[] = {nullptr, "name",  "generateName",   "namespace",
                                          nullptr, nullptr, "resourceVersion"};
    if (f.number < 7 && strings[f.number] != nullptr) {
      if (!f.bytes.empty()) meta[strings[f.number]] = std::string(f.bytes);
      return true;
    }
    switch (f.number) {
      case 11:
        return add_map_entry(meta["labels"], f.bytes, false);
      case 12:
        return add_map_entry(meta["annotations"], f.bytes, false);
      case 14:
        meta["finalizers"].push_back(std::string(f.bytes));
        break;
      default:
        break;  // uid, timestamps, managedFields...: set by the server anyway
    }
    return true;
  });
  if (!ok) return std::nullopt;
  return meta;
}

// Decodes `raw` as `kind`: metadata is field 1 everywhere; `body` handles the rest.
bool decode_object(std::string_view raw, Json& object,
                   const std::function<bool(const Field&)>& body) {
  return for_each_field(raw, [&](const Field& f) {
    if (f.number != 1) return body(f);
    auto meta = object_meta(f.bytes);
    if (meta) object["metadata"] = std::move(*meta);
    return meta.has_value();
  });
}

bool decode_kind(const std::string& kind, std::string_view raw, Json& object) {
  if (kind == "Namespace") {
    return decode_object(raw, object, [&](const Field& f) {
      if (f.number != 2) return true;
      return for_each_field(f.bytes, [&](const Field& spec) {
        if (spec.number == 1) object["spec"]["finalizers"].push_back(std::string(spec.bytes));
        return true;
      });
    });
  }
  if (kind == "ConfigMap") {
    return decode_object(raw, object, [&](const Field& f) {
      if (f.number == 2) return add_map_entry(object["data"], f.bytes, false);
      if (f.number == 3) return add_map_entry(object["binaryData"], f.bytes, true);
      if (f.number == 4) object["immutable"] = f.varint != 0;
      return true;
    });
  }
  return decode_object(raw, object, [&](const Field& f) {  // Secret
    if (f.number == 2) return add_map_entry(object["data"], f.bytes, true);
    if (f.number == 3) object["type"] = std::string(f.bytes);
    if (f.number == 4) return add_map_entry(object["stringData"], f.bytes, false);
    if (f.number == 5) object["immutable"] = f.varint != 0;
    return true;
  });
}

}  // namespace

identity::Result<Json> decode_protobuf_body(std::string_view body) {
  if (body.substr(0, kMagic.size()) != kMagic)
    return identity::bad_request("protobuf body without the k8s envelope");
  std::string api_version;
  std::string kind;
  std::string_view raw;
  bool ok = for_each_field(body.substr(kMagic.size()), [&](const Field& f) {
    if (f.number == 2) raw = f.bytes;
    if (f.number != 1) return true;
    return for_each_field(f.bytes, [&](const Field& type) {
      if (type.number == 1) api_version = type.bytes;
      if (type.number == 2) kind = type.bytes;
      return true;
    });
  });
  if (!ok) return identity::bad_request("malformed protobuf body");
  if (api_version != "v1" || (kind != "Namespace" && kind != "ConfigMap" && kind != "Secret"))
    return identity::unsupported_media_type(
        "protobuf bodies are accepted for v1 Namespace, ConfigMap and Secret only; send " + kind +
        " as application/json");
  Json object = {{"apiVersion", api_version}, {"kind", kind}};
  if (!decode_kind(kind, raw, object)) return identity::bad_request("malformed protobuf body");
  // Protobuf strings must be UTF-8; one that is not would make every later serialisation of
  // the object (response, watch event, store) throw.
  try {
    (void)object.dump();
  } catch (const Json::type_error&) {
    return identity::bad_request("malformed protobuf body: a string field is not valid UTF-8");
  }
  return object;
}

}  // namespace ordinal::api
