// RegistryOptions::event_limit: the registry keeps at most that many Events, dropping the least
// recently written ones in the transaction that would exceed it, so that churn (every pod that
// comes and goes leaves Events under new names) cannot grow memory without bound.
#include <gtest/gtest.h>

#include "identity/registry.hpp"
#include "registry_fixture.hpp"

namespace ordinal::identity::testing {
namespace {

Json event(const std::string& ns, const std::string& name) {
  Json e = object("Event", "v1", ns, name);
  e.erase("spec");
  e["reason"] = "Scheduled";
  e["message"] = "assigned " + name;
  e["involvedObject"] = {{"kind", "Pod"}, {"namespace", ns}, {"name", name}};
  return e;
}

std::vector<std::string> event_names(const Registry& registry) {
  std::vector<std::string> names;
  for (const auto& item : registry.list("Event", std::nullopt).items)
    names.push_back(item->at("metadata").at("name").get<std::string>());
  return names;
}

RegistryOptions limited(std::size_t limit) {
  RegistryOptions options = fixed_clock();
  options.event_limit = limit;
  return options;
}

using Names = std::vector<std::string>;

TEST(RegistryEventLimit, OldestEventsGoOnceTheLimitIsPassedAndWatchersSeeThemDeleted) {
  TempDir dir;
  auto registry = Registry::open(dir.path(), limited(3));
  auto stream = registry->watch({"Event", {}, {}, {}}, registry->resource_version());
  ASSERT_TRUE(stream.ok());
  for (const char* name : {"e1", "e2", "e3", "e4", "e5"})
    ASSERT_TRUE(registry->create(event("default", name)).ok()) << name;
  EXPECT_EQ(event_names(*registry), (Names{"e3", "e4", "e5"}));

  const auto events = (*stream)->take();
  ASSERT_TRUE(events.has_value());
  std::vector<std::string> seen;
  for (const auto& e : *events)
    seen.push_back(std::string(to_string(e.type)) + " " +
                   e.object->at("metadata").at("name").get<std::string>());
  EXPECT_EQ(seen, (Names{"ADDED e1", "ADDED e2", "ADDED e3", "ADDED e4", "DELETED e1", "ADDED e5",
                         "DELETED e2"}));
}

TEST(RegistryEventLimit, AnUpdatedEventCountsAsRecent) {
  TempDir dir;
  auto registry = Registry::open(dir.path(), limited(2));
  ASSERT_TRUE(registry->create(event("default", "old")).ok());
  ASSERT_TRUE(registry->create(event("default", "mid")).ok());
  Json repeated = *registry->get({"Event", "default", "old"}).value();
  repeated["count"] = 2;
  ASSERT_TRUE(registry->update(repeated).ok());
  ASSERT_TRUE(registry->create(event("default", "new")).ok());
  EXPECT_EQ(event_names(*registry), (Names{"new", "old"}));
}

TEST(RegistryEventLimit, OtherKindsAreNeverDropped) {
  TempDir dir;
  auto registry = Registry::open(dir.path(), limited(1));
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(registry->create(config_map("default", "c" + std::to_string(i))).ok());
    ASSERT_TRUE(registry->create(event("default", "e" + std::to_string(i))).ok());
  }
  EXPECT_EQ(registry->list("ConfigMap", std::nullopt).items.size(), 5u);
  EXPECT_EQ(event_names(*registry), (Names{"e4"}));
}

TEST(RegistryEventLimit, OneCommitOverTheLimitKeepsOnlyItsNewestEvents) {
  TempDir dir;
  auto registry = Registry::open(dir.path(), limited(2));
  std::vector<Registry::Write> writes;
  for (const char* name : {"a", "b", "c", "d"})
    writes.emplace_back(Registry::Create{event("default", name)});
  const auto results = registry->commit(std::move(writes));
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  EXPECT_EQ(event_names(*registry), (Names{"c", "d"}));
}

TEST(RegistryEventLimit, AStoreOverTheLimitIsTrimmedByTheNextWriteAfterARestart) {
  TempDir dir;
  {
    auto registry = Registry::open(dir.path(), limited(0));  // no limit
    for (int i = 0; i < 6; ++i)
      ASSERT_TRUE(
          registry->create(event("ns" + std::to_string(i % 2), "e" + std::to_string(i))).ok());
  }
  auto registry = Registry::open(dir.path(), limited(2));
  EXPECT_EQ(event_names(*registry).size(), 6u);  // loading drops nothing
  ASSERT_TRUE(registry->create(event("ns0", "e6")).ok());
  EXPECT_EQ(event_names(*registry), (Names{"e6", "e5"}));  // listed by namespace: ns0, ns1
  // And the trimmed state is what is stored.
  registry.reset();
  registry = Registry::open(dir.path(), limited(2));
  EXPECT_EQ(event_names(*registry), (Names{"e6", "e5"}));
}

}  // namespace
}  // namespace ordinal::identity::testing
