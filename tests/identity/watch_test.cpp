// Watch streams: the stream itself, and the registry's watches (initial state, resume from a
// resourceVersion, 410 Gone, filters and label-selector transitions).
#include "identity/watch.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "identity/registry.hpp"
#include "registry_fixture.hpp"

namespace ordinal::identity {
namespace {

using testing::config_map;
using testing::pod;
using Type = WatchEvent::Type;

// "ADDED web-0@3" for compact comparisons.
std::vector<std::string> describe(const std::vector<WatchEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(std::string(to_string(e.type)) + " " +
                  e.object->at("metadata").at("name").get<std::string>() + "@" +
                  std::to_string(e.resource_version));
  return out;
}

std::vector<std::string> drain(WatchStream& stream) {
  auto events = stream.take();
  return events ? describe(*events) : std::vector<std::string>{"CLOSED"};
}

WatchFilter pods(std::optional<std::string> ns = std::nullopt, std::string selector = "") {
  WatchFilter f;
  f.kind = "Pod";
  f.ns = std::move(ns);
  f.labels = *LabelSelector::parse(selector);
  return f;
}

TEST(WatchStream, TypesPrintAsKubernetesDoes) {
  EXPECT_STREQ(to_string(Type::Added), "ADDED");
  EXPECT_STREQ(to_string(Type::Modified), "MODIFIED");
  EXPECT_STREQ(to_string(Type::Deleted), "DELETED");
  EXPECT_STREQ(to_string(Type::Bookmark), "BOOKMARK");
}

TEST(WatchStream, TakeReturnsPendingInOrderThenNothingThenClosed) {
  WatchStream stream(pods());
  auto obj = std::make_shared<const Json>(pod("test", "a"));
  stream.push({Type::Added, obj, 1});
  stream.push({Type::Modified, obj, 2});
  EXPECT_EQ(drain(stream), (std::vector<std::string>{"ADDED a@1", "MODIFIED a@2"}));
  EXPECT_EQ(drain(stream), std::vector<std::string>{});
  stream.push({Type::Deleted, obj, 3});
  stream.close();
  EXPECT_TRUE(stream.closed());
  EXPECT_EQ(drain(stream), std::vector<std::string>{"DELETED a@3"}) << "pushed before the close";
  EXPECT_EQ(drain(stream), std::vector<std::string>{"CLOSED"});
}

TEST(WatchStream, ConsumerTooFarBehindIsClosed) {
  WatchStream stream(pods(), 3);
  auto obj = std::make_shared<const Json>(pod("test", "a"));
  for (std::uint64_t rv = 1; rv <= 3; ++rv) stream.push({Type::Modified, obj, rv});
  EXPECT_FALSE(stream.closed());
  stream.push({Type::Modified, obj, 4});
  EXPECT_TRUE(stream.closed());
  EXPECT_EQ(drain(stream), std::vector<std::string>{"CLOSED"}) << "the client must re-list";
}

TEST(WatchStream, NotifierRunsWithoutTheStreamLock) {
  WatchStream stream(pods());
  int calls = 0;
  std::size_t taken = 0;
  stream.set_notify([&] {
    ++calls;
    if (auto events = stream.take()) taken += events->size();  // would deadlock under the lock
  });
  stream.push({Type::Added, std::make_shared<const Json>(pod("test", "a")), 1});
  stream.close();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(taken, 1u);
}

class RegistryWatchTest : public ::testing::Test {
 protected:
  std::unique_ptr<Registry> open(std::size_t history = 10000) {
    RegistryOptions options = testing::fixed_clock();
    options.history_limit = history;
    return Registry::open(dir_.path(), options);
  }

  testing::TempDir dir_;
};

TEST_F(RegistryWatchTest, FromZeroSendsExistingObjectsThenChanges) {
  auto registry = open();
  ASSERT_TRUE(registry->create(pod("test", "b")).ok());
  ASSERT_TRUE(registry->create(pod("test", "a")).ok());
  ASSERT_TRUE(registry->create(config_map("test", "not-a-pod")).ok());
  auto stream = registry->watch(pods(), 0);
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(drain(**stream), (std::vector<std::string>{"ADDED a@2", "ADDED b@1"}));
  ASSERT_TRUE(registry->create(pod("test", "c")).ok());
  ASSERT_TRUE(registry->remove({"Pod", "test", "a"}).ok());
  EXPECT_EQ(drain(**stream), (std::vector<std::string>{"ADDED c@4", "DELETED a@5"}));
  auto from_nullopt = registry->watch(pods(), std::nullopt);
  EXPECT_EQ(drain(**from_nullopt), (std::vector<std::string>{"ADDED b@1", "ADDED c@4"}));
}

TEST_F(RegistryWatchTest, ResumeDeliversEveryChangeAfterTheResourceVersion) {
  auto registry = open();
  ASSERT_TRUE(registry->create(pod("test", "a")).ok());  // 1
  Json a = **registry->get({"Pod", "test", "a"});
  a["spec"]["hostname"] = "a";
  ASSERT_TRUE(registry->update(a).ok());                     // 2
  ASSERT_TRUE(registry->create(pod("test", "b")).ok());      // 3
  ASSERT_TRUE(registry->remove({"Pod", "test", "a"}).ok());  // 4
  auto stream = registry->watch(pods(), 1);
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(drain(**stream),
            (std::vector<std::string>{"MODIFIED a@2", "ADDED b@3", "DELETED a@4"}));
  ASSERT_TRUE(registry->create(pod("test", "c")).ok());
  EXPECT_EQ(drain(**stream), std::vector<std::string>{"ADDED c@5"});
  auto at_head = registry->watch(pods(), 5);
  EXPECT_EQ(drain(**at_head), std::vector<std::string>{});
}

TEST_F(RegistryWatchTest, DeletedEventCarriesTheDeletionResourceVersion) {
  auto registry = open();
  ASSERT_TRUE(registry->create(pod("test", "a")).ok());
  auto stream = registry->watch(pods(), 1);
  ASSERT_TRUE(registry->remove({"Pod", "test", "a"}).ok());
  auto events = (*stream)->take();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, Type::Deleted);
  EXPECT_EQ((*events)[0].object->at("metadata").at("resourceVersion"), "2");
}

TEST_F(RegistryWatchTest, OlderThanTheHistoryWindowIsGone) {
  auto registry = open(3);
  for (const char* name : {"a", "b", "c", "d", "e"})
    ASSERT_TRUE(registry->create(pod("t", name)).ok());
  // Events 3, 4 and 5 are kept: resuming after 2 works, after 1 does not.
  auto ok = registry->watch(pods(), 2);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(drain(**ok), (std::vector<std::string>{"ADDED c@3", "ADDED d@4", "ADDED e@5"}));
  auto too_old = registry->watch(pods(), 1);
  ASSERT_FALSE(too_old.ok());
  EXPECT_EQ(too_old.error().code, 410);
  EXPECT_EQ(too_old.error().reason, "Expired");
  EXPECT_EQ(too_old.error().message, "too old resource version: 1 (2)");
}

TEST_F(RegistryWatchTest, AfterRestartOnlyTheCurrentResourceVersionCanBeResumed) {
  {
    auto registry = open();
    ASSERT_TRUE(registry->create(pod("t", "a")).ok());
    ASSERT_TRUE(registry->create(pod("t", "b")).ok());
  }
  auto registry = open();
  auto old = registry->watch(pods(), 1);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().message, "too old resource version: 1 (2)");
  auto current = registry->watch(pods(), 2);
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE(registry->create(pod("t", "c")).ok());
  EXPECT_EQ(drain(**current), std::vector<std::string>{"ADDED c@3"});
}

TEST_F(RegistryWatchTest, FiltersByNamespaceAndName) {
  auto registry = open();
  auto in_a = registry->watch(pods("a"), 0);
  WatchFilter named = pods("a");
  named.name = "web-0";
  auto just_one = registry->watch(named, 0);
  ASSERT_TRUE(registry->create(pod("a", "web-0")).ok());
  ASSERT_TRUE(registry->create(pod("a", "web-1")).ok());
  ASSERT_TRUE(registry->create(pod("b", "web-0")).ok());
  EXPECT_EQ(drain(**in_a), (std::vector<std::string>{"ADDED web-0@1", "ADDED web-1@2"}));
  EXPECT_EQ(drain(**just_one), std::vector<std::string>{"ADDED web-0@1"});
}

TEST_F(RegistryWatchTest, SelectorTransitionsBecomeAddedAndDeleted) {
  auto registry = open();
  ASSERT_TRUE(registry->create(pod("t", "a", {{"app", "web"}})).ok());
  auto stream = registry->watch(pods(std::nullopt, "app=web"), 1);
  Json a = **registry->get({"Pod", "t", "a"});
  a["metadata"]["labels"]["app"] = "db";
  ASSERT_TRUE(registry->update(a).ok());  // 2: stops matching
  a = **registry->get({"Pod", "t", "a"});
  a["spec"]["hostname"] = "x";
  ASSERT_TRUE(registry->update(a).ok());  // 3: still not matching
  a = **registry->get({"Pod", "t", "a"});
  a["metadata"]["labels"]["app"] = "web";
  ASSERT_TRUE(registry->update(a).ok());  // 4: matches again
  a = **registry->get({"Pod", "t", "a"});
  a["spec"]["hostname"] = "y";
  ASSERT_TRUE(registry->update(a).ok());  // 5
  auto events = (*stream)->take();
  EXPECT_EQ(describe(*events),
            (std::vector<std::string>{"DELETED a@2", "ADDED a@4", "MODIFIED a@5"}));
  // The DELETED event shows the last state that matched, with the new resourceVersion.
  EXPECT_EQ((*events)[0].object->at("metadata").at("labels").at("app"), "web");
  EXPECT_EQ((*events)[0].object->at("metadata").at("resourceVersion"), "2");
}

TEST_F(RegistryWatchTest, NotifierMayReadTheRegistry) {
  auto registry = open();
  auto stream = *registry->watch(pods(), 0);
  std::size_t seen = 0;
  stream->set_notify([&] { seen = registry->list("Pod", std::nullopt).items.size(); });
  ASSERT_TRUE(registry->create(pod("t", "a")).ok());
  EXPECT_EQ(seen, 1u);
}

TEST_F(RegistryWatchTest, CloseWatchesEndsEveryStreamButNotTheRegistry) {
  auto registry = open();
  auto first = *registry->watch(pods(), 0);
  auto second = *registry->watch(pods("x"), 0);
  std::atomic<int> notified{0};
  first->set_notify([&] { ++notified; });
  registry->close_watches();
  EXPECT_TRUE(first->closed());
  EXPECT_TRUE(second->closed());
  EXPECT_EQ(notified.load(), 1);
  EXPECT_TRUE(registry->create(pod("t", "a")).ok());
  EXPECT_EQ(drain(*first), std::vector<std::string>{"CLOSED"});
}

TEST_F(RegistryWatchTest, DroppedStreamIsForgotten) {
  auto registry = open();
  std::weak_ptr<WatchStream> weak;
  {
    auto stream = *registry->watch(pods(), 0);
    weak = stream;
  }
  ASSERT_TRUE(registry->create(pod("t", "a")).ok());
  EXPECT_TRUE(weak.expired());
}

}  // namespace
}  // namespace ordinal::identity
