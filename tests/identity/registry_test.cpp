// Registry bookkeeping: create/get/list/update, conflicts, generation and batch commits.
#include "identity/registry.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "registry_fixture.hpp"

namespace ordinal::identity {
namespace {

using testing::config_map;
using testing::object;
using testing::pod;
using testing::rv_of;

class RegistryTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_ = Registry::open(dir_.path(), testing::fixed_clock());
};

TEST_F(RegistryTest, CreateSetsUidResourceVersionGenerationAndTimestamp) {
  auto created = registry_->create(pod("test", "web-0"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const Json& meta = (*created)->at("metadata");
  EXPECT_TRUE(std::regex_match(meta.at("uid").get<std::string>(),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")))
      << meta.at("uid");
  EXPECT_EQ(meta.at("resourceVersion"), "1");
  EXPECT_EQ(meta.at("generation"), 1);
  EXPECT_EQ(meta.at("creationTimestamp"), "2026-11-22T00:15:08Z");
  EXPECT_FALSE(meta.contains("deletionTimestamp"));
  EXPECT_EQ(registry_->resource_version(), 1u);

  auto got = registry_->get({"Pod", "test", "web-0"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(**got, **created);
  EXPECT_EQ((*got)->at("spec").at("containers")[0].at("image"), "nginx");
}

TEST_F(RegistryTest, UidsDifferAndClientSuppliedBookkeepingIsReplaced) {
  Json p = pod("test", "web-0");
  p["metadata"]["uid"] = "mine";
  p["metadata"]["resourceVersion"] = "77";
  p["metadata"]["deletionTimestamp"] = "2020-01-01T00:00:00Z";
  auto a = registry_->create(p);
  auto b = registry_->create(pod("test", "web-1"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE((*a)->at("metadata").at("uid"), "mine");
  EXPECT_NE((*a)->at("metadata").at("uid"), (*b)->at("metadata").at("uid"));
  EXPECT_EQ(rv_of(*a), "1");
  EXPECT_FALSE((*a)->at("metadata").contains("deletionTimestamp"));
}

TEST_F(RegistryTest, ResourceVersionIsOneCounterAcrossKinds) {
  EXPECT_EQ(rv_of(*registry_->create(pod("test", "a"))), "1");
  EXPECT_EQ(rv_of(*registry_->create(config_map("test", "a"))), "2");
  EXPECT_EQ(rv_of(*registry_->create(object("Namespace", "v1", "", "test"))), "3");
  EXPECT_EQ(rv_of(*registry_->create(object("StatefulSet", "apps/v1", "test", "a"))), "4");
  EXPECT_EQ(registry_->resource_version(), 4u);
}

TEST_F(RegistryTest, CreateOfExistingKeyIsAlreadyExists) {
  ASSERT_TRUE(registry_->create(object("StatefulSet", "apps/v1", "test", "web")).ok());
  auto again = registry_->create(object("StatefulSet", "apps/v1", "test", "web"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, 409);
  EXPECT_EQ(again.error().reason, "AlreadyExists");
  EXPECT_EQ(again.error().message, "statefulsets.apps \"web\" already exists");
  EXPECT_EQ(registry_->resource_version(), 1u) << "a failed write takes no resourceVersion";
  // Same name in another namespace or of another kind is another object.
  EXPECT_TRUE(registry_->create(object("StatefulSet", "apps/v1", "other", "web")).ok());
  EXPECT_TRUE(registry_->create(pod("test", "web")).ok());
}

TEST_F(RegistryTest, MissingObjectIsNotFound) {
  auto got = registry_->get({"Pod", "test", "web-9"});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, 404);
  EXPECT_EQ(got.error().message, "pods \"web-9\" not found");
  auto upd = registry_->update(object("StatefulSet", "apps/v1", "test", "web"));
  ASSERT_FALSE(upd.ok());
  EXPECT_EQ(upd.error().message, "statefulsets.apps \"web\" not found");
  auto del = registry_->remove({"PersistentVolume", "", "pv-1"});
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, 404);
  EXPECT_EQ(del.error().message, "persistentvolumes \"pv-1\" not found");
}

TEST_F(RegistryTest, GenerateNameAppendsFiveCharactersFromKubernetesAlphabet) {
  Json p = pod("test", "");
  p["metadata"].erase("name");
  p["metadata"]["generateName"] = "web-";
  std::set<std::string> names;
  for (int i = 0; i < 20; ++i) {
    auto created = registry_->create(p);
    ASSERT_TRUE(created.ok()) << created.error().message;
    const std::string name = (*created)->at("metadata").at("name");
    EXPECT_TRUE(std::regex_match(name, std::regex("web-[bcdfghjklmnpqrstvwxz2456789]{5}"))) << name;
    EXPECT_TRUE(registry_->get({"Pod", "test", name}).ok());
    names.insert(name);
  }
  EXPECT_EQ(names.size(), 20u);
}

TEST_F(RegistryTest, CreateWithoutNameOrGenerateNameIsInvalid) {
  Json p = pod("test", "");
  auto created = registry_->create(p);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, 422);
  EXPECT_NE(created.error().message.find("metadata.name"), std::string::npos);
}

TEST_F(RegistryTest, ClusterScopedObjectsHaveNoNamespace) {
  auto pv = registry_->create(object("PersistentVolume", "v1", "ignored", "pv-1"));
  ASSERT_TRUE(pv.ok());
  EXPECT_FALSE((*pv)->at("metadata").contains("namespace"));
  EXPECT_TRUE(registry_->get({"PersistentVolume", "", "pv-1"}).ok());
  EXPECT_EQ(registry_->list("PersistentVolume", std::nullopt).items.size(), 1u);
  EXPECT_EQ(registry_->list("PersistentVolume", "test").items.size(), 1u);
  EXPECT_TRUE(registry_->get({"PersistentVolume", "test", "pv-1"}).ok());
}

TEST_F(RegistryTest, ListIsSortedByNamespaceThenNameAndFiltered) {
  for (const auto& [ns, name, app] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"b", "web-1", "web"},
                                                                      {"a", "web-2", "web"},
                                                                      {"b", "db-0", "db"},
                                                                      {"a", "web-0", "web"}})
    ASSERT_TRUE(registry_->create(pod(ns, name, {{"app", app}})).ok());
  ASSERT_TRUE(registry_->create(config_map("a", "zzz")).ok());

  auto names = [](const ListResult& r) {
    std::vector<std::string> out;
    for (const auto& o : r.items)
      out.push_back(o->at("metadata").value("namespace", "") + "/" +
                    o->at("metadata").at("name").get<std::string>());
    return out;
  };
  const ListResult all = registry_->list("Pod", std::nullopt);
  EXPECT_EQ(names(all), (std::vector<std::string>{"a/web-0", "a/web-2", "b/db-0", "b/web-1"}));
  EXPECT_EQ(all.resource_version, 5u);
  EXPECT_EQ(names(registry_->list("Pod", "b")), (std::vector<std::string>{"b/db-0", "b/web-1"}));
  const auto web = *LabelSelector::parse("app=web");
  EXPECT_EQ(names(registry_->list("Pod", std::nullopt, web)),
            (std::vector<std::string>{"a/web-0", "a/web-2", "b/web-1"}));
  EXPECT_EQ(names(registry_->list("Pod", "b", web)), (std::vector<std::string>{"b/web-1"}));
  EXPECT_TRUE(registry_->list("Pod", "c").items.empty());
}

TEST_F(RegistryTest, StaleResourceVersionIsConflictAndRereadSucceeds) {
  ASSERT_TRUE(registry_->create(config_map("test", "cfg")).ok());
  // Two writers read the same version.
  Json first = **registry_->get({"ConfigMap", "test", "cfg"});
  Json second = first;
  first["data"]["count"] = "1";
  second["data"]["count"] = "2";
  ASSERT_TRUE(registry_->update(first).ok());
  auto lost = registry_->update(second);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, 409);
  EXPECT_EQ(lost.error().reason, "Conflict");
  EXPECT_EQ(lost.error().message,
            "Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; "
            "please apply your changes to the latest version and try again");
  EXPECT_EQ((*registry_->get({"ConfigMap", "test", "cfg"}))->at("data").at("count"), "1");
  // The loser re-reads and retries.
  Json reread = **registry_->get({"ConfigMap", "test", "cfg"});
  reread["data"]["count"] = "2";
  auto retried = registry_->update(reread);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(rv_of(*retried), "3");
}

TEST_F(RegistryTest, UpdateWithoutResourceVersionIsUnconditionalAndKeepsIdentity) {
  auto created = registry_->create(config_map("test", "cfg"));
  Json change = config_map("test", "cfg");
  change["data"]["count"] = "5";
  change["metadata"]["creationTimestamp"] = "1999-01-01T00:00:00Z";
  auto updated = registry_->update(change);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(rv_of(*updated), "2");
  EXPECT_EQ((*updated)->at("metadata").at("uid"), (*created)->at("metadata").at("uid"));
  EXPECT_EQ((*updated)->at("metadata").at("creationTimestamp"), "2026-11-22T00:15:08Z");
  EXPECT_EQ((*updated)->at("data").at("count"), "5");
}

TEST_F(RegistryTest, UpdateWithAnotherUidIsConflict) {
  ASSERT_TRUE(registry_->create(config_map("test", "cfg")).ok());
  Json change = config_map("test", "cfg");
  change["metadata"]["uid"] = "not-the-uid";
  auto updated = registry_->update(change);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, 409);
}

TEST_F(RegistryTest, GenerationCountsSpecChangesOnly) {
  auto sts = registry_->create(object("StatefulSet", "apps/v1", "test", "web"));
  Json o = **sts;
  o["metadata"]["labels"] = {{"tier", "front"}};
  auto labelled = registry_->update(o);
  ASSERT_TRUE(labelled.ok());
  EXPECT_EQ((*labelled)->at("metadata").at("generation"), 1) << "metadata is not the spec";
  o = **labelled;
  o["spec"]["replicas"] = 3;
  auto scaled = registry_->update(o);
  EXPECT_EQ((*scaled)->at("metadata").at("generation"), 2);
  o = **scaled;
  o["status"] = {{"replicas", 3}};
  auto status = registry_->update(o, UpdateScope::Status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)->at("metadata").at("generation"), 2) << "status is not the spec";
  EXPECT_EQ((*status)->at("status").at("replicas"), 3);
}

TEST_F(RegistryTest, MainUpdateKeepsStatusAndStatusUpdateKeepsSpec) {
  Json sts = object("StatefulSet", "apps/v1", "test", "web");
  sts["spec"]["replicas"] = 1;
  ASSERT_TRUE(registry_->create(sts).ok());
  Json s = **registry_->get({"StatefulSet", "test", "web"});
  s["status"] = {{"readyReplicas", 1}};
  s["spec"]["replicas"] = 9;  // ignored: /status changes only status
  auto after_status = registry_->update(s, UpdateScope::Status);
  ASSERT_TRUE(after_status.ok());
  EXPECT_EQ((*after_status)->at("spec").at("replicas"), 1);
  EXPECT_EQ((*after_status)->at("status").at("readyReplicas"), 1);

  Json m = **after_status;
  m["spec"]["replicas"] = 2;
  m["status"] = {{"readyReplicas", 42}};  // ignored: StatefulSet has a status subresource
  auto after_main = registry_->update(m);
  ASSERT_TRUE(after_main.ok());
  EXPECT_EQ((*after_main)->at("spec").at("replicas"), 2);
  EXPECT_EQ((*after_main)->at("status").at("readyReplicas"), 1);
}

TEST_F(RegistryTest, UpdateThatChangesNothingIsNotAWrite) {
  auto created = registry_->create(config_map("test", "cfg"));
  auto same = registry_->update(**created);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(rv_of(*same), "1");
  EXPECT_EQ(registry_->resource_version(), 1u);
}

TEST_F(RegistryTest, BatchCommitAppliesInOrderAndFailsWritesOneByOne) {
  Json changed = config_map("test", "a");
  changed["data"]["count"] = "7";
  std::vector<Registry::Write> writes;
  writes.emplace_back(Registry::Create{config_map("test", "a")});
  writes.emplace_back(Registry::Create{config_map("test", "a")});  // exists by now
  writes.emplace_back(Registry::Update{changed, UpdateScope::Main});
  writes.emplace_back(Registry::Create{config_map("test", "b")});
  writes.emplace_back(Registry::Delete{{"ConfigMap", "test", "b"}, {}});
  writes.emplace_back(Registry::Delete{{"ConfigMap", "test", "nope"}, {}});
  auto results = registry_->commit(std::move(writes));
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(rv_of(*results[0]), "1");
  EXPECT_EQ(results[1].error().reason, "AlreadyExists");
  EXPECT_EQ(rv_of(*results[2]), "2");
  EXPECT_EQ(rv_of(*results[3]), "3");
  EXPECT_EQ(rv_of(*results[4]), "4");
  EXPECT_EQ(results[5].error().code, 404);
  EXPECT_EQ(registry_->resource_version(), 4u);
  EXPECT_EQ((*registry_->get({"ConfigMap", "test", "a"}))->at("data").at("count"), "7");
  EXPECT_FALSE(registry_->get({"ConfigMap", "test", "b"}).ok());
}

TEST_F(RegistryTest, UnknownKindIsRejected) {
  auto created = registry_->create(object("Widget", "v1", "test", "w"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, 400);
}

}  // namespace
}  // namespace ordinal::identity
