#include "identity/kinds.hpp"

#include <gtest/gtest.h>

namespace ordinal::identity {
namespace {

TEST(Kinds, KubectlNamesResolve) {
  for (const char* name :
       {"statefulsets", "statefulset", "sts", "StatefulSet", "statefulsets.apps"})
    EXPECT_EQ(find_resource(name)->kind, "StatefulSet") << name;
  EXPECT_EQ(find_resource("po")->kind, "Pod");
  EXPECT_EQ(find_resource("pvc")->kind, "PersistentVolumeClaim");
  EXPECT_EQ(find_resource("pv")->kind, "PersistentVolume");
  EXPECT_EQ(find_resource("sc")->kind, "StorageClass");
  EXPECT_EQ(find_resource("ns")->kind, "Namespace");
  EXPECT_EQ(find_resource("svc")->kind, "Service");
  EXPECT_EQ(find_resource("nosuchthing"), nullptr);
  EXPECT_EQ(find_resource("statefulsets.batch"), nullptr);
}

TEST(Kinds, PathsAndQualifiedNames) {
  const KindInfo* sts = find_kind("StatefulSet");
  ASSERT_NE(sts, nullptr);
  EXPECT_EQ(sts->api_version(), "apps/v1");
  EXPECT_EQ(sts->qualified_resource(), "statefulsets.apps");
  EXPECT_EQ(sts->collection_path("test"), "/apis/apps/v1/namespaces/test/statefulsets");
  const KindInfo* pv = find_kind("PersistentVolume");
  EXPECT_EQ(pv->collection_path("test"), "/api/v1/persistentvolumes");
  EXPECT_EQ(find_by_path("", "v1", "pods")->kind, "Pod");
}

}  // namespace
}  // namespace ordinal::identity
