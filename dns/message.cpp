#include "dns/message.hpp"

#include <string>

namespace ordinal::dns {
namespace {

class QueryErrorCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "dns.query"; }
  std::string message(int value) const override {
    switch (static_cast<QueryError>(value)) {
      case QueryError::TooShort:
        return "packet shorter than a DNS header";
      case QueryError::NotAQuery:
        return "packet is a response";
      case QueryError::BadOpcode:
        return "opcode not implemented";
      case QueryError::BadQuestionCount:
        return "question count is not 1";
      case QueryError::BadName:
        return "malformed question name";
      case QueryError::Truncated:
        return "section runs past the end of the packet";
      case QueryError::BadOpt:
        return "malformed EDNS OPT record";
      case QueryError::TrailingData:
        return "data after the last record";
    }
    return "unknown query error";
  }
};

}  // namespace

const std::error_category& query_error_category() {
  static const QueryErrorCategory category;
  return category;
}

std::error_code make_error_code(QueryError error) {
  return {static_cast<int>(error), query_error_category()};
}

}  // namespace ordinal::dns
