// The SQLite store on its own, and the registry's durability through it: restart, corrupt files,
// a full disk and a locked database.
#include "identity/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "identity/registry.hpp"
#include "registry_fixture.hpp"

namespace ordinal::identity {
namespace {

using testing::config_map;
using testing::pod;
using testing::rv_of;

ObjectPtr with_rv(Json o, std::uint64_t rv) {
  o["metadata"]["resourceVersion"] = std::to_string(rv);
  return std::make_shared<const Json>(std::move(o));
}

// Runs one statement on a separate connection and returns the first column of the first row.
std::string query(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr)
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

void write_file(const std::filesystem::path& file, const std::string& bytes,
                std::streamoff at = 0) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  if (!f) f.open(file, std::ios::out | std::ios::binary);
  f.seekp(at);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(Store, CommitsAndLoadsObjectsAndTheCounter) {
  testing::TempDir dir;
  const auto file = dir.path() / "ordinal.db";
  {
    auto store = Store::open(file);
    ASSERT_FALSE(store->commit({{{"Pod", "t", "a"}, with_rv(pod("t", "a"), 1)},
                                {{"Pod", "t", "b"}, with_rv(pod("t", "b"), 2)}},
                               2));
    ASSERT_FALSE(store->commit({{{"Pod", "t", "a"}, nullptr}}, 3));
  }
  auto store = Store::open(file);
  const StoreContents contents = store->load();
  ASSERT_EQ(contents.objects.size(), 1u);
  EXPECT_EQ(contents.objects[0]["metadata"]["name"], "b");
  EXPECT_EQ(contents.resource_version, 3u) << "the delete's resourceVersion is remembered";
}

// Enough rows that the load parses them on several threads: order and content stay the
// store's, and a row that is not JSON is still named.
TEST(Store, ManyObjectsLoadInKeyOrderAndABadRowIsNamed) {
  testing::TempDir dir;
  const auto file = dir.path() / "ordinal.db";
  constexpr int kCount = 9000;
  auto name_of = [](int i) {
    std::string digits = std::to_string(i);
    return "p" + std::string(5 - digits.size(), '0') + digits;
  };
  {
    auto store = Store::open(file, /*sync=*/false);
    std::vector<StoredChange> changes;
    for (int i = 0; i < kCount; ++i)
      changes.push_back({{"Pod", "t", name_of(i)},
                         with_rv(pod("t", name_of(i)), static_cast<std::uint64_t>(i + 1))});
    ASSERT_FALSE(store->commit(changes, kCount));
  }
  {
    const StoreContents contents = Store::open(file)->load();
    ASSERT_EQ(contents.objects.size(), static_cast<std::size_t>(kCount));
    for (int i = 0; i < kCount; ++i)
      ASSERT_EQ(contents.objects[static_cast<std::size_t>(i)]["metadata"]["name"], name_of(i));
    EXPECT_EQ(contents.resource_version, static_cast<std::uint64_t>(kCount));
  }
  query(file, "UPDATE objects SET json='{\"metadata\": ' WHERE key LIKE '%" + name_of(7777) + "%'");
  try {
    (void)Store::open(file)->load();
    FAIL() << "a row that is not JSON was loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(name_of(7777)), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("is not a valid object"), std::string::npos) << e.what();
  }
}

TEST(Store, UsesWalJournalAndOneTableOfObjects) {
  testing::TempDir dir;
  const auto file = dir.path() / "ordinal.db";
  {
    auto store = Store::open(file);
    ASSERT_FALSE(store->commit({{{"Pod", "t", "a"}, with_rv(pod("t", "a"), 7)}}, 7));
  }
  EXPECT_EQ(query(file, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query(file,
                  "SELECT kind || ' ' || namespace || ' ' || name || ' ' || "
                  "resource_version FROM objects WHERE key = 'Pod/t/a'"),
            "Pod t a 7");
  EXPECT_EQ(query(file, "SELECT value FROM meta WHERE name = 'resource_version'"), "7");
}

TEST(Store, FullDiskFailsTheCommitAndKeepsNothingOfIt) {
  testing::TempDir dir;
  auto store = Store::open(dir.path() / "ordinal.db");
  ASSERT_FALSE(store->commit({{{"Pod", "t", "a"}, with_rv(pod("t", "a"), 1)}}, 1));
  store->limit_pages(std::stoll(query(dir.path() / "ordinal.db", "PRAGMA page_count")));
  Json big = pod("t", "big");
  big["spec"]["padding"] = std::string(200000, 'x');
  auto error = store->commit(
      {{{"Pod", "t", "b"}, with_rv(pod("t", "b"), 2)}, {{"Pod", "t", "big"}, with_rv(big, 3)}}, 3);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, 500);
  EXPECT_NE(error->message.find("full"), std::string::npos) << error->message;
  EXPECT_NE(error->message.find("ordinal.db"), std::string::npos) << error->message;
  const StoreContents contents = store->load();
  EXPECT_EQ(contents.objects.size(), 1u);
  EXPECT_EQ(contents.resource_version, 1u);
}

TEST(Store, FileThatIsNotADatabaseIsRefusedAndLeftAlone) {
  testing::TempDir dir;
  const auto file = dir.path() / "ordinal.db";
  const std::string garbage(8192, 'g');
  write_file(file, garbage);
  try {
    Registry::open(dir.path());
    FAIL() << "opened a file that is not a database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a database"), std::string::npos) << e.what();
  }
  std::ifstream in(file, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), garbage) << "never reset";
}

TEST(Store, DamagedPagesAreDetectedAtOpen) {
  testing::TempDir dir;
  {
    auto registry = Registry::open(dir.path());
    std::vector<Registry::Write> writes;
    for (int i = 0; i < 200; ++i)
      writes.emplace_back(Registry::Create{pod("t", "web-" + std::to_string(i))});
    registry->commit(std::move(writes));
  }
  const auto file = dir.path() / "ordinal.db";
  const auto page_size = std::stoll(query(file, "PRAGMA page_size"));
  // Keep the header page, overwrite the schema root and the start of the object pages.
  write_file(file, std::string(static_cast<std::size_t>(page_size) * 3, '\x5a'), page_size);
  EXPECT_THROW(
      {
        try {
          Registry::open(dir.path());
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
          throw;
        }
      },
      std::runtime_error);
}

TEST(Store, UnwritableDataDirectoryIsReported) {
  EXPECT_THROW(Registry::open("/proc/ordinal-cannot-be-here"), std::runtime_error);
}

TEST(RegistryDurability, RestartBringsEverythingBackAndTheCounterContinues) {
  testing::TempDir dir;
  Json expected_a;
  {
    auto registry = Registry::open(dir.path(), testing::fixed_clock());
    expected_a = **registry->create(pod("t", "a", {{"app", "web"}}));
    ASSERT_TRUE(registry->create(config_map("t", "cfg")).ok());
    ASSERT_TRUE(registry->create(testing::object("PersistentVolume", "v1", "", "pv-1")).ok());
    ASSERT_TRUE(registry->create(pod("t", "gone")).ok());
    ASSERT_TRUE(registry->remove({"Pod", "t", "gone"}).ok());  // 5
  }
  auto registry = Registry::open(dir.path(), testing::fixed_clock());
  EXPECT_EQ(registry->resource_version(), 5u);
  auto a = registry->get({"Pod", "t", "a"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(**a, expected_a);
  EXPECT_TRUE(registry->get({"ConfigMap", "t", "cfg"}).ok());
  EXPECT_TRUE(registry->get({"PersistentVolume", "", "pv-1"}).ok());
  EXPECT_FALSE(registry->get({"Pod", "t", "gone"}).ok());
  EXPECT_EQ(registry->list("Pod", "t", *LabelSelector::parse("app=web")).items.size(), 1u);
  auto next = registry->create(pod("t", "b"));
  EXPECT_EQ(rv_of(*next), "6");
  // Updates after a restart still check the stored resourceVersion.
  Json stale = expected_a;
  stale["metadata"]["resourceVersion"] = "0";
  EXPECT_EQ(registry->update(stale).error().code, 409);
}

TEST(RegistryDurability, LockedDatabaseFailsTheWriteAndChangesNothing) {
  testing::TempDir dir;
  auto registry = Registry::open(dir.path());
  ASSERT_TRUE(registry->create(pod("t", "a")).ok());
  auto stream = *registry->watch({"Pod", std::nullopt, std::nullopt, {}}, 1);

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / "ordinal.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto blocked = registry->create(pod("t", "b"));
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, 503);
  EXPECT_NE(blocked.error().message.find("ordinal.db"), std::string::npos);
  EXPECT_EQ(registry->resource_version(), 1u);
  EXPECT_FALSE(registry->get({"Pod", "t", "b"}).ok());
  EXPECT_TRUE(stream->take()->empty()) << "no event for a write that was not stored";

  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  auto retried = registry->create(pod("t", "b"));
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(rv_of(*retried), "2");
  EXPECT_EQ(stream->take()->size(), 1u);
}

}  // namespace
}  // namespace ordinal::identity
