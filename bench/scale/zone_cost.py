"""Item 3, zone side: seed clusters of 1k, 10k and 100k pods with ordinal's own controllers
(bin/scale_seed), then time a full zone build, a relist and single-pod changes on each
(bin/scale_zone). The curve shows whether a change costs what it touches or what the zone holds."""
import os
import shutil

import harness

REPLICAS = 10


def seed(bin_dir, workdir, pods):
    """A data directory holding `pods` pods in pods/10 Parallel sets, all Ready."""
    data_dir = os.path.join(workdir, "seed-%d" % pods)
    shutil.rmtree(data_dir, ignore_errors=True)
    sets = pods // REPLICAS
    result = harness.run_json([harness.tool(bin_dir, "scale_seed"), "--data-dir", data_dir,
                               "--sets", str(sets), "--replicas", str(REPLICAS),
                               "--namespaces", str(max(1, sets // 100))])
    result["data_dir"] = data_dir
    return result


def measure(bin_dir, data_dir, changes=2000):
    return harness.run_json([harness.tool(bin_dir, "scale_zone"), "--data-dir", data_dir,
                             "--changes", str(changes)])
