#include "identity/label_selector.hpp"

#include <algorithm>

#include "identity/label_syntax.hpp"

namespace ordinal::identity {
namespace {

bool contains(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::optional<LabelSelector::Op> op_named(const std::string& name) {
  using Op = LabelSelector::Op;
  if (name == "In") return Op::In;
  if (name == "NotIn") return Op::NotIn;
  if (name == "Exists") return Op::Exists;
  if (name == "DoesNotExist") return Op::DoesNotExist;
  return std::nullopt;
}

// One entry of matchExpressions; the reason when it is malformed.
std::string expression(const Json& e, std::size_t index, LabelSelector::Requirement& out) {
  const std::string field = "matchExpressions[" + std::to_string(index) + "]";
  if (!e.is_object()) return field + ": must be an object";
  const auto key = e.find("key");
  if (key == e.end() || !key->is_string()) return field + ".key: Required value";
  out.key = key->get<std::string>();
  if (auto err = label_key_error(out.key); !err.empty()) return field + ".key: " + err;
  const auto op = op_named(e.value("operator", ""));
  if (!op) return field + ".operator: Unsupported value: \"" + e.value("operator", "") + "\"";
  out.op = *op;
  if (const auto values = e.find("values"); values != e.end() && !values->is_null()) {
    if (!values->is_array()) return field + ".values: must be a list of strings";
    for (const auto& v : *values) {
      if (!v.is_string()) return field + ".values: must be a list of strings";
      out.values.push_back(v.get<std::string>());
      if (auto err = label_value_error(out.values.back()); !err.empty())
        return field + ".values: " + err;
    }
  }
  const bool set_op = out.op == LabelSelector::Op::In || out.op == LabelSelector::Op::NotIn;
  if (set_op && out.values.empty())
    return field +
           ".values: Required value: must be specified when `operator` is 'In' or "
           "'NotIn'";
  if (!set_op && !out.values.empty())
    return field +
           ".values: Forbidden: may not be specified when `operator` is 'Exists' or "
           "'DoesNotExist'";
  std::sort(out.values.begin(), out.values.end());
  return {};
}

}  // namespace

std::optional<LabelSelector> LabelSelector::from_json(const Json& selector, std::string* error) {
  auto fail = [error](const std::string& reason) -> std::optional<LabelSelector> {
    if (error) *error = reason;
    return std::nullopt;
  };
  if (!selector.is_object()) return fail("a label selector must be an object");
  LabelSelector result;
  if (const auto labels = selector.find("matchLabels");
      labels != selector.end() && !labels->is_null()) {
    if (!labels->is_object()) return fail("matchLabels: must be a map of strings");
    for (const auto& [key, v] : labels->items()) {
      if (!v.is_string()) return fail("matchLabels." + key + ": must be a string");
      if (auto err = label_key_error(key); !err.empty()) return fail("matchLabels: " + err);
      if (auto err = label_value_error(v.get<std::string>()); !err.empty())
        return fail("matchLabels: " + err);
      result.requirements_.push_back({key, Op::Equals, {v.get<std::string>()}});
    }
  }
  if (const auto exprs = selector.find("matchExpressions");
      exprs != selector.end() && !exprs->is_null()) {
    if (!exprs->is_array()) return fail("matchExpressions: must be a list");
    for (std::size_t i = 0; i < exprs->size(); ++i) {
      Requirement r;
      if (auto err = expression((*exprs)[i], i, r); !err.empty()) return fail(err);
      result.requirements_.push_back(std::move(r));
    }
  }
  std::stable_sort(result.requirements_.begin(), result.requirements_.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return result;
}

bool LabelSelector::matches(const std::map<std::string, std::string>& labels) const {
  return std::all_of(requirements_.begin(), requirements_.end(), [&labels](const auto& r) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    switch (r.op) {
      case Op::Equals:
      case Op::In:
        return has && contains(r.values, it->second);
      case Op::NotEquals:
      case Op::NotIn:
        return !has || !contains(r.values, it->second);
      case Op::Exists:
        return has;
      case Op::DoesNotExist:
        return !has;
    }
    return false;
  });
}

bool LabelSelector::matches_object(const Json& object) const {
  if (requirements_.empty()) return true;
  std::map<std::string, std::string> labels;
  if (const auto m = object.find("metadata"); m != object.end() && m->is_object())
    if (const auto l = m->find("labels"); l != m->end() && l->is_object())
      for (const auto& [key, v] : l->items())
        if (v.is_string()) labels.emplace(key, v.get<std::string>());
  return matches(labels);
}

std::string LabelSelector::to_string() const {
  std::string out;
  for (const auto& r : requirements_) {
    if (!out.empty()) out += ",";
    auto set = [&r] {
      std::string s = "(";
      for (std::size_t i = 0; i < r.values.size(); ++i) s += (i ? "," : "") + r.values[i];
      return s + ")";
    };
    const std::string first = r.values.empty() ? std::string() : r.values.front();
    switch (r.op) {
      case Op::Equals:
        out += r.key + "=" + first;
        break;
      case Op::NotEquals:
        out += r.key + "!=" + first;
        break;
      case Op::In:
        out += r.key + " in " + set();
        break;
      case Op::NotIn:
        out += r.key + " notin " + set();
        break;
      case Op::Exists:
        out += r.key;
        break;
      case Op::DoesNotExist:
        out += "!" + r.key;
        break;
    }
  }
  return out;
}

}  // namespace ordinal::identity
