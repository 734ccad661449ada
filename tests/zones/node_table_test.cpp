// The persistent name table of a zone: lookups by name and by the hash the query parser
// computes, removal from the middle of a probe run, growth, and snapshots that later edits
// never change.
#include "zones/node_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "zones/dns_name.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {
namespace {

std::string wire(const std::string& dotted) {
  return name_to_wire(dotted).value();
}

/// A distinct node per name, so that a lookup that finds the wrong name shows.
std::shared_ptr<const Node> node_for(int i) {
  auto node = std::make_shared<Node>();
  node->fallback = i;
  return node;
}

std::string name_of(int i) {
  return wire("web-" + std::to_string(i) + ".nginx.test.svc.cluster.local.");
}

TEST(NodeTable, FindsWhatWasPutByNameAndByHash) {
  NodeTable table;
  for (int i = 0; i < 5000; ++i) table.put(name_of(i), node_for(i));
  EXPECT_EQ(table.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    const std::string name = name_of(i);
    const Node* by_name = table.find(name);
    ASSERT_NE(by_name, nullptr) << i;
    EXPECT_EQ(by_name->fallback, i);
    EXPECT_EQ(table.find(name, WireNameHash{}(name)), by_name);
  }
  EXPECT_EQ(table.find(wire("web-5000.nginx.test.svc.cluster.local.")), nullptr);
  EXPECT_EQ(table.find(wire("cluster.local.")), nullptr);
}

TEST(NodeTable, PutReplacesAndNullRemoves) {
  NodeTable table;
  table.put(name_of(1), node_for(1));
  table.put(name_of(1), node_for(7));
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.find(name_of(1))->fallback, 7);
  table.put(name_of(1), nullptr);
  table.put(name_of(2), nullptr);  // removing a missing name changes nothing
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.find(name_of(1)), nullptr);
}

TEST(NodeTable, RemovalsKeepEveryOtherNameReachable) {
  // Many names per shard, removed in an order unrelated to insertion: entries move back over
  // the freed slots and must stay on their probe runs.
  NodeTable table;
  std::map<std::string, int> expected;
  for (int i = 0; i < 20000; ++i) {
    table.put(name_of(i), node_for(i));
    expected[name_of(i)] = i;
  }
  for (int i = 0; i < 20000; i += 3) {
    table.put(name_of((i * 7919) % 20000), nullptr);
    expected.erase(name_of((i * 7919) % 20000));
  }
  EXPECT_EQ(table.size(), expected.size());
  for (int i = 0; i < 20000; ++i) {
    const auto it = expected.find(name_of(i));
    const Node* node = table.find(name_of(i));
    if (it == expected.end()) {
      EXPECT_EQ(node, nullptr) << i;
    } else {
      ASSERT_NE(node, nullptr) << i;
      EXPECT_EQ(node->fallback, it->second);
    }
  }
  std::size_t visited = 0;
  table.for_each([&](const std::string& name, const Node& node) {
    ++visited;
    EXPECT_EQ(expected.at(name), node.fallback);
  });
  EXPECT_EQ(visited, expected.size());
}

TEST(NodeTable, SharedTableDoesNotSeeLaterEdits) {
  NodeTable table;
  for (int i = 0; i < 100; ++i) table.put(name_of(i), node_for(i));
  const NodeTable published = table.share();
  for (int i = 0; i < 100; i += 2) table.put(name_of(i), nullptr);
  for (int i = 100; i < 200; ++i) table.put(name_of(i), node_for(i));
  table.put(name_of(1), node_for(1000));
  EXPECT_EQ(published.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    ASSERT_NE(published.find(name_of(i)), nullptr) << i;
    EXPECT_EQ(published.find(name_of(i))->fallback, i);
  }
  EXPECT_EQ(published.find(name_of(150)), nullptr);
  EXPECT_EQ(table.size(), 150u);
  EXPECT_EQ(table.find(name_of(1))->fallback, 1000);
  EXPECT_EQ(table.find(name_of(2)), nullptr);
}

/// The bulk build of a full zone (filled on every core) holds what one put() per name would:
/// every name found with its own node, null entries skipped, and later edits of the built table
/// leave a table shared from it unchanged.
TEST(NodeTable, BuildHoldsWhatPutWouldAndEditsAfterAShareStayOut) {
  std::vector<std::pair<std::string, NodeTable::NodePtr>> names;
  for (int i = 0; i < 40000; ++i)
    names.emplace_back(name_of(i), i % 10 == 9 ? nullptr : node_for(i));
  NodeTable table = NodeTable::build(names);
  EXPECT_EQ(table.size(), 36000u);
  for (int i = 0; i < 40000; ++i) {
    const Node* node = table.find(name_of(i));
    if (i % 10 == 9) {
      EXPECT_EQ(node, nullptr) << i;
      continue;
    }
    ASSERT_NE(node, nullptr) << i;
    EXPECT_EQ(node->fallback, i);
  }
  const NodeTable published = table.share();
  table.put(name_of(0), nullptr);
  table.put(name_of(9), node_for(9));
  table.put(name_of(1), node_for(1001));
  EXPECT_EQ(table.size(), 36000u);
  EXPECT_EQ(table.find(name_of(0)), nullptr);
  EXPECT_EQ(table.find(name_of(1))->fallback, 1001);
  EXPECT_EQ(published.size(), 36000u);
  EXPECT_EQ(published.find(name_of(0))->fallback, 0);
  EXPECT_EQ(published.find(name_of(1))->fallback, 1);
  EXPECT_EQ(published.find(name_of(9)), nullptr);
  EXPECT_EQ(NodeTable::build({}).size(), 0u);
}

/// Blocks and shards are copied on the first edit after a share and edited in place after
/// that: every published generation keeps exactly what it had, over many generations and
/// enough names to fill every block.
TEST(NodeTable, EveryPublishedGenerationKeepsItsNames) {
  NodeTable table;
  std::map<int, int> expected;  // name number -> node number
  std::vector<std::pair<NodeTable, std::map<int, int>>> generations;
  for (int generation = 0; generation < 6; ++generation) {
    for (int i = 0; i < 6000; ++i) {
      const int name = (i * 7 + generation * 13) % 9000;
      if ((i + generation) % 5 == 0) {
        table.put(name_of(name), nullptr);
        expected.erase(name);
      } else {
        table.put(name_of(name), node_for(name + generation * 10000));
        expected[name] = name + generation * 10000;
      }
    }
    generations.emplace_back(table.share(), expected);
  }
  for (const auto& [published, names] : generations) {
    ASSERT_EQ(published.size(), names.size());
    for (int name = 0; name < 9000; ++name) {
      const Node* node = published.find(name_of(name));
      const auto it = names.find(name);
      if (it == names.end()) {
        ASSERT_EQ(node, nullptr) << name;
      } else {
        ASSERT_NE(node, nullptr) << name;
        ASSERT_EQ(node->fallback, it->second) << name;
      }
    }
  }
}

/// find_answer() answers from the table's copy of each node's types exactly as Node::find()
/// does from the node, for nodes of one answer, several, more than the table copies, a CNAME
/// fallback and an ANY answer.
TEST(NodeTable, FindAnswerAgreesWithTheNode) {
  const std::vector<std::uint16_t> types = {1, 2, 5, 6, 12, 16, 28, 33, 65, 255, 999};
  NodeTable table;
  std::vector<std::shared_ptr<Node>> nodes;
  for (std::size_t answers = 0; answers <= 6; ++answers) {
    for (int fallback = -1; fallback < static_cast<int>(std::min<std::size_t>(answers, 2));
         ++fallback) {
      auto node = std::make_shared<Node>();
      for (std::size_t i = 0; i < answers; ++i) {
        RenderedAnswer answer;
        answer.qtype = types[(i * 3 + answers) % 9];
        node->answers.push_back(answer);
      }
      node->fallback = fallback;
      node->any = answers == 0 ? -1 : static_cast<int>(answers - 1);
      nodes.push_back(node);
      table.put(name_of(static_cast<int>(nodes.size())), node);
    }
  }
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    const std::string name = name_of(static_cast<int>(n + 1));
    for (const std::uint16_t type : types) {
      const auto hit = table.find_answer(name, WireNameHash{}(name), type);
      EXPECT_EQ(hit.node, nodes[n].get());
      EXPECT_EQ(hit.answer, nodes[n]->find(type)) << "node " << n << " type " << type;
    }
  }
  const std::string missing = name_of(0);
  EXPECT_EQ(table.find_answer(missing, WireNameHash{}(missing), 1).node, nullptr);
}

TEST(NodeTable, HashStepsEqualTheWholeNameHash) {
  // The query parser hashes in steps while it lower-cases; every length must agree.
  for (std::size_t size = 1; size <= 40; ++size) {
    std::string name(size, 'a');
    for (std::size_t i = 0; i < size; ++i) name[i] = static_cast<char>('a' + (i * 7) % 26);
    std::uint64_t hash = wire_hash::start(size);
    for (std::size_t at = 0; at < size; at += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, name.data() + at, std::min<std::size_t>(8, size - at));
      hash = wire_hash::step(hash, word);
    }
    EXPECT_EQ(wire_hash::finish(hash), WireNameHash{}(name)) << size;
  }
}

TEST(NodeTable, SameOctetsComparesEveryOctet) {
  for (std::size_t size = 0; size <= 33; ++size) {
    const std::string a(size, 'x');
    EXPECT_TRUE(same_octets(a.data(), a.data(), size));
    for (std::size_t i = 0; i < size; ++i) {
      std::string b = a;
      b[i] = 'y';
      EXPECT_FALSE(same_octets(a.data(), b.data(), size)) << size << " " << i;
    }
  }
}

}  // namespace
}  // namespace ordinal::zones
