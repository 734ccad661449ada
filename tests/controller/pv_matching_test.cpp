// Static matching of claims to volumes: SS-15.3 (a named volume) and SS-15.4 (the best match),
// as a table in the style of Kubernetes' index_test.go TestMatchVolume.
#include "controller/pv_matching.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ordinal::controller {
namespace {

using identity::Json;
using identity::PersistentVolume;
using identity::PersistentVolumeClaim;

const std::vector<std::string> kTwoModes = {"ReadWriteOnce", "ReadOnlyMany"};
const std::vector<std::string> kThreeModes = {"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"};

Json volume_json(const std::string& name, const std::string& size,
                 const std::vector<std::string>& modes) {
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolume"},
          {"metadata", {{"name", name}, {"uid", "uid-" + name}}},
          {"spec", {{"capacity", {{"storage", size}}}, {"accessModes", modes}}},
          {"status", {{"phase", "Available"}}}};
}

PersistentVolume volume(const std::string& name, const std::string& size,
                        const std::vector<std::string>& modes = kTwoModes, Json patch = {}) {
  Json json = volume_json(name, size, modes);
  if (!patch.is_null()) json.merge_patch(patch);
  return PersistentVolume::from_json(json);
}

PersistentVolumeClaim claim(const std::string& size, const std::vector<std::string>& modes,
                            Json patch = {}) {
  Json json = {
      {"apiVersion", "v1"},
      {"kind", "PersistentVolumeClaim"},
      {"metadata", {{"name", "data"}, {"namespace", "default"}, {"uid", "uid-data"}}},
      {"spec", {{"accessModes", modes}, {"resources", {{"requests", {{"storage", size}}}}}}}};
  if (!patch.is_null()) json.merge_patch(patch);
  return PersistentVolumeClaim::from_json(json);
}

// The pool every table case matches against, sorted by name as the object manager lists.
std::vector<PersistentVolume> pool() {
  return {
      volume("block-5", "5Gi", kTwoModes, {{"spec", {{"volumeMode", "Block"}}}}),
      volume("deleting-2", "2Gi", kTwoModes,
             {{"metadata", {{"deletionTimestamp", "2026-11-22T00:00:00Z"}}}}),
      volume("fresh-3", "3Gi", kTwoModes, {{"status", {{"phase", "Pending"}}}}),
      volume("gce-1", "1Gi"),
      volume("gce-10", "10Gi"),
      volume("gce-5", "5Gi"),
      volume("gold-10", "10Gi", kTwoModes, {{"metadata", {{"labels", {{"tier", "gold"}}}}}}),
      volume("nfs-1", "1Gi", kThreeModes),
      volume("nfs-20", "20Gi", kThreeModes),
      volume("released-3", "3Gi", kTwoModes,
             {{"spec",
               {{"claimRef", {{"namespace", "default"}, {"name", "data"}, {"uid", "uid-old"}}}}},
              {"status", {{"phase", "Released"}}}}),
      volume("reserved-50", "50Gi", kTwoModes,
             {{"spec", {{"claimRef", {{"namespace", "default"}, {"name", "mine"}}}}}}),
      volume("ssd-5", "5Gi", kTwoModes, {{"spec", {{"storageClassName", "ssd"}}}}),
  };
}

struct MatchCase {
  std::string name;
  PersistentVolumeClaim claim;
  bool delay_binding;
  std::string expected;  // "" = no match
};

// SS-15.4 steps 1-6 over one pool.
TEST(PvMatching, MatchVolumeTable_SS_15_4) {
  const std::vector<std::string> rwo = {"ReadWriteOnce"};
  const std::vector<MatchCase> cases = {
      {"smallest fit", claim("1Gi", rwo), false, "gce-1"},
      {"smallest fit skips deleting, released and not yet Available volumes", claim("2Gi", rwo),
       false, "gce-5"},
      {"larger request", claim("6Gi", rwo), false, "gce-10"},
      {"quantities compare by amount", claim("5000Mi", rwo), false, "gce-5"},
      {"only the three-mode group offers RWX", claim("1Gi", {"ReadWriteMany"}), false, "nfs-1"},
      {"falls through to the next group", claim("15Gi", rwo), false, "nfs-20"},
      {"nothing big enough that is not reserved", claim("30Gi", rwo), false, ""},
      {"reserved for this claim wins over a smaller fit",
       claim("1Gi", rwo, {{"metadata", {{"name", "mine"}, {"uid", "uid-mine"}}}}), false,
       "reserved-50"},
      {"selector",
       claim("1Gi", rwo, {{"spec", {{"selector", {{"matchLabels", {{"tier", "gold"}}}}}}}}), false,
       "gold-10"},
      {"selector nothing matches",
       claim("1Gi", rwo, {{"spec", {{"selector", {{"matchLabels", {{"tier", "iron"}}}}}}}}), false,
       ""},
      {"class", claim("1Gi", rwo, {{"spec", {{"storageClassName", "ssd"}}}}), false, "ssd-5"},
      {"class \"\" matches only class-less volumes",
       claim("1Gi", rwo, {{"spec", {{"storageClassName", ""}}}}), false, "gce-1"},
      {"unknown class", claim("1Gi", rwo, {{"spec", {{"storageClassName", "gold"}}}}), false, ""},
      {"block mode", claim("1Gi", rwo, {{"spec", {{"volumeMode", "Block"}}}}), false, "block-5"},
      {"filesystem written out equals unset",
       claim("1Gi", rwo, {{"spec", {{"volumeMode", "Filesystem"}}}}), false, "gce-1"},
      {"wait for first consumer skips unreserved volumes", claim("1Gi", rwo), true, ""},
      {"wait for first consumer still takes a reserved volume",
       claim("1Gi", rwo, {{"metadata", {{"name", "mine"}, {"uid", "uid-mine"}}}}), true,
       "reserved-50"},
      {"released volume is reserved for the old uid, not the new claim of the same name",
       claim("3Gi", rwo), false, "gce-5"},
  };
  const std::vector<PersistentVolume> volumes = pool();
  for (const MatchCase& c : cases) {
    const PersistentVolume* match = find_best_match(c.claim, volumes, c.delay_binding);
    EXPECT_EQ(match == nullptr ? "" : match->metadata.name, c.expected) << c.name;
  }
}

// SS-15.4 step 1: groups with fewer modes first; the global smallest is not guaranteed.
TEST(PvMatching, FewerModesGroupWinsOverSmallerVolume_SS_15_4) {
  const std::vector<PersistentVolume> volumes = {volume("big-two-modes", "10Gi"),
                                                 volume("small-three-modes", "5Gi", kThreeModes)};
  const PersistentVolume* match = find_best_match(claim("5Gi", {"ReadWriteOnce"}), volumes, false);
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->metadata.name, "big-two-modes");
}

// SS-15.4 step 1, as TestAllPossibleAccessModes.
TEST(PvMatching, AccessModeGroupsFewestFirst_SS_15_4) {
  const std::vector<PersistentVolume> volumes = {
      volume("a", "1Gi", kThreeModes), volume("b", "1Gi", {"ReadWriteOnce"}),
      volume("c", "1Gi", kTwoModes), volume("d", "1Gi", {"ReadOnlyMany", "ReadWriteOnce"})};
  using Groups = std::vector<std::vector<std::string>>;
  EXPECT_EQ(access_mode_groups(volumes, {"ReadWriteOnce"}),
            (Groups{{"ReadWriteOnce"},
                    {"ReadOnlyMany", "ReadWriteOnce"},
                    {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce"}}));
  EXPECT_EQ(access_mode_groups(volumes, {"ReadWriteMany"}),
            (Groups{{"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce"}}));
  EXPECT_TRUE(access_mode_groups(volumes, {"ReadWriteOncePod"}).empty());
}

// SS-15.4 step 2: a volume bound to another claim (by name or by UID) is never a candidate.
TEST(PvMatching, VolumesBoundElsewhereAreSkipped_SS_15_4) {
  const Json bound_to_other = {
      {"spec", {{"claimRef", {{"namespace", "default"}, {"name", "other"}, {"uid", "uid-o"}}}}},
      {"status", {{"phase", "Bound"}}}};
  const Json same_name_other_uid = {
      {"spec", {{"claimRef", {{"namespace", "default"}, {"name", "data"}, {"uid", "uid-x"}}}}}};
  const Json same_name_other_namespace = {
      {"spec", {{"claimRef", {{"namespace", "prod"}, {"name", "data"}}}}}};
  const std::vector<PersistentVolume> volumes = {
      volume("a", "1Gi", kTwoModes, bound_to_other),
      volume("b", "1Gi", kTwoModes, same_name_other_uid),
      volume("c", "1Gi", kTwoModes, same_name_other_namespace)};
  EXPECT_EQ(find_best_match(claim("1Gi", {"ReadWriteOnce"}), volumes, false), nullptr);
}

// SS-15.4 step 2: another volume attributes class, and a malformed selector, match nothing.
TEST(PvMatching, AttributesClassAndMalformedSelector_SS_15_4) {
  const std::vector<PersistentVolume> volumes = {
      volume("vac", "1Gi", kTwoModes, {{"spec", {{"volumeAttributesClassName", "gold"}}}})};
  const std::vector<std::string> rwo = {"ReadWriteOnce"};
  EXPECT_EQ(find_best_match(claim("1Gi", rwo), volumes, false), nullptr);
  const auto* match = find_best_match(
      claim("1Gi", rwo, {{"spec", {{"volumeAttributesClassName", "gold"}}}}), volumes, false);
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->metadata.name, "vac");

  const Json bad_selector = {
      {"spec", {{"selector", {{"matchExpressions", {{{"key", "tier"}, {"operator", "Near"}}}}}}}}};
  EXPECT_EQ(find_best_match(claim("1Gi", rwo, bad_selector), pool(), false), nullptr);
}

// SS-15.3: the reasons a named volume is refused, in Kubernetes' words.
TEST(PvMatching, NamedVolumeMismatch_SS_15_3) {
  const std::vector<std::string> rwo = {"ReadWriteOnce"};
  EXPECT_EQ(volume_mismatch(volume("v", "5Gi"), claim("1Gi", rwo)), std::nullopt);
  EXPECT_EQ(volume_mismatch(volume("v", "5Gi"), claim("6Gi", rwo)), "requested PV is too small");
  EXPECT_EQ(volume_mismatch(volume("v", "5Gi"),
                            claim("1Gi", rwo, {{"spec", {{"storageClassName", "ssd"}}}})),
            "storageClassName does not match");
  EXPECT_EQ(volume_mismatch(volume("v", "5Gi", kTwoModes, {{"spec", {{"volumeMode", "Block"}}}}),
                            claim("1Gi", rwo)),
            "incompatible volumeMode");
  EXPECT_EQ(volume_mismatch(volume("v", "5Gi"), claim("1Gi", {"ReadWriteMany"})),
            "incompatible accessMode");
  EXPECT_EQ(volume_mismatch(volume("v", "5Gi", kTwoModes,
                                   {{"metadata", {{"deletionTimestamp", "2026-11-22T00:00:00Z"}}}}),
                            claim("1Gi", rwo)),
            "requested PV is being deleted");
  // The selector is not checked on this path.
  EXPECT_EQ(volume_mismatch(
                volume("v", "5Gi"),
                claim("1Gi", rwo, {{"spec", {{"selector", {{"matchLabels", {{"a", "b"}}}}}}}})),
            std::nullopt);
}

// SS-15.2/15.4: reservation by name (no UID) or by name and UID.
TEST(PvMatching, BoundToClaim_SS_15_4) {
  const auto data = claim("1Gi", {"ReadWriteOnce"});
  auto with_ref = [](Json ref) {
    return volume("v", "1Gi", kTwoModes, {{"spec", {{"claimRef", ref}}}});
  };
  EXPECT_FALSE(is_volume_bound_to_claim(volume("v", "1Gi"), data));
  EXPECT_TRUE(
      is_volume_bound_to_claim(with_ref({{"namespace", "default"}, {"name", "data"}}), data));
  EXPECT_TRUE(is_volume_bound_to_claim(
      with_ref({{"namespace", "default"}, {"name", "data"}, {"uid", "uid-data"}}), data));
  EXPECT_FALSE(is_volume_bound_to_claim(
      with_ref({{"namespace", "default"}, {"name", "data"}, {"uid", "uid-old"}}), data));
  EXPECT_FALSE(
      is_volume_bound_to_claim(with_ref({{"namespace", "other"}, {"name", "data"}}), data));
}

}  // namespace
}  // namespace ordinal::controller
