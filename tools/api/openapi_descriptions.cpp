#include "tools/api/openapi_descriptions.hpp"

namespace ordinal::api {
namespace {

struct Description {
  std::string_view key;
  std::string_view text;
};

// Read once per document build (the documents are built once), so a linear scan is enough.
constexpr Description kDescriptions[] = {
    // Fields every kind has.
    {"Object.apiVersion",
     "APIVersion is the versioned schema of this representation of an object, e.g. \"apps/v1\"."},
    {"Object.kind", "Kind is the type of the object, e.g. \"StatefulSet\". In CamelCase."},
    {"Object.metadata",
     "Standard object metadata: name, namespace, labels, annotations and what the server "
     "records."},

    // The kinds.
    {"StatefulSet",
     "StatefulSet runs a set of pods with stable identities: pod N of set S is always named "
     "S-N, keeps the DNS name S-N.<serviceName> and gets its own persistent volume claims from "
     "volumeClaimTemplates, which outlive the pod. Pods are created in ordinal order and "
     "removed in reverse order."},
    {"StatefulSet.spec", "The desired identities, pods and volumes of the set."},
    {"StatefulSet.status",
     "What the controller observed most recently. Written by the controller; read-only."},
    {"ControllerRevision",
     "ControllerRevision is an immutable snapshot of a StatefulSet's pod template, used for "
     "rolling updates and rollbacks."},
    {"Pod", "Pod is a group of containers scheduled together, with shared storage and network."},
    {"Pod.spec", "The desired behaviour of the pod."},
    {"Pod.status", "The most recently observed state of the pod. Read-only."},
    {"Service",
     "Service is a named abstraction over a set of pods (its selector) and the ports they "
     "serve. A headless Service (clusterIP None) gives each ready pod a DNS record of its own."},
    {"Service.spec", "The behaviour of the service: selector, ports, cluster IP and type."},
    {"Service.status", "The most recently observed state of the service. Read-only."},
    {"PersistentVolumeClaim",
     "PersistentVolumeClaim is a user's request for storage, bound to one PersistentVolume."},
    {"PersistentVolumeClaim.spec", "The storage requested: size, access modes, class."},
    {"PersistentVolumeClaim.status", "The most recently observed state of the claim. Read-only."},
    {"PersistentVolume",
     "PersistentVolume is a piece of storage in the cluster, provisioned by an administrator or "
     "dynamically through a StorageClass, and bound to at most one claim."},
    {"PersistentVolume.spec", "The capacity, access modes and source of the volume."},
    {"PersistentVolume.status", "The most recently observed state of the volume. Read-only."},
    {"Namespace", "Namespace is a scope for names; most kinds live in one namespace."},
    {"Namespace.spec", "The behaviour of the namespace."},
    {"Namespace.status", "The most recently observed state of the namespace. Read-only."},
    {"Event", "Event reports something that happened to an object, for people to read."},
    {"ConfigMap", "ConfigMap holds configuration data as string keys and values."},
    {"Secret", "Secret holds sensitive data, base64-encoded in data."},
    {"StorageClass",
     "StorageClass names a provisioner that creates PersistentVolumes for claims asking for "
     "this class."},
    {"EndpointSlice",
     "EndpointSlice lists network endpoints of a Service; cluster DNS answers from them."},
    {"Ingress", "Ingress routes external HTTP traffic to Services. Stored, not acted upon."},

    // StatefulSet.
    {"StatefulSetSpec", "The desired state of a StatefulSet."},
    {"StatefulSetSpec.replicas",
     "The number of pods wanted, with ordinals start..start+replicas-1. Defaults to 1."},
    {"StatefulSetSpec.selector",
     "A label query over pods that should match the replica count. It must match the pod "
     "template's labels. Cannot be changed."},
    {"StatefulSetSpec.serviceName",
     "The name of the headless Service that governs the set: pod S-N gets the DNS name "
     "S-N.<serviceName>.<namespace>.svc.<domain>. The Service must exist for the names to "
     "resolve. Cannot be changed."},
    {"StatefulSetSpec.template",
     "The pod every ordinal is created from. Each pod gets the name <set>-<ordinal>, the "
     "hostname and subdomain for its DNS name, and a volume for each claim template."},
    {"StatefulSetSpec.volumeClaimTemplates",
     "Claims each pod gets of its own: template T gives pod S-N the claim T-S-N, created before "
     "the pod and mounted through a volume named T. Claims outlive their pods (see "
     "persistentVolumeClaimRetentionPolicy). Cannot be changed."},
    {"StatefulSetSpec.podManagementPolicy",
     "How pods are created and deleted when scaling. OrderedReady (the default) creates pod N "
     "only when 0..N-1 are Running and Ready, and deletes one pod at a time from the highest "
     "ordinal. Parallel creates and deletes all at once. Rolling updates are ordered either way."},
    {"StatefulSetSpec.updateStrategy",
     "How pods are replaced when the template changes. Defaults to RollingUpdate."},
    {"StatefulSetSpec.revisionHistoryLimit",
     "How many old ControllerRevisions are kept for rollbacks. Defaults to 10."},
    {"StatefulSetSpec.minReadySeconds",
     "How long a new pod must be Ready, without a container crashing, to count as available. "
     "Defaults to 0."},
    {"StatefulSetSpec.persistentVolumeClaimRetentionPolicy",
     "What happens to the claims of volumeClaimTemplates when the set is deleted or scaled "
     "down. By default they are retained."},
    {"StatefulSetSpec.ordinals", "The numbering of the pods. Without it ordinals start at 0."},
    {"StatefulSetUpdateStrategy", "How the controller replaces pods of an older revision."},
    {"StatefulSetUpdateStrategy.type",
     "RollingUpdate replaces pods from the highest ordinal down, one Ready pod after another. "
     "OnDelete creates pods of the new revision only when old ones are deleted by hand."},
    {"StatefulSetUpdateStrategy.rollingUpdate", "Parameters of the RollingUpdate type."},
    {"RollingUpdateStatefulSetStrategy", "Parameters of a rolling update."},
    {"RollingUpdateStatefulSetStrategy.partition",
     "Only pods with an ordinal at or above the partition are updated; lower ones keep the old "
     "revision (for staged rollouts). Defaults to 0."},
    {"RollingUpdateStatefulSetStrategy.maxUnavailable",
     "The most pods that may be unavailable during the update: a number or a percentage of "
     "replicas. Defaults to 1."},
    {"StatefulSetPersistentVolumeClaimRetentionPolicy",
     "Whether claims made from volumeClaimTemplates are deleted with their pods."},
    {"StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted",
     "What happens to the claims when the StatefulSet is deleted: Retain (the default) keeps "
     "them, Delete removes them."},
    {"StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled",
     "What happens to the claims of pods removed by a scale-down: Retain (the default) keeps "
     "them for a later scale-up, Delete removes them."},
    {"StatefulSetOrdinals", "The numbering of the pods of a StatefulSet."},
    {"StatefulSetOrdinals.start",
     "The ordinal of the first pod: replicas R give ordinals start..start+R-1. Defaults to 0."},
    {"StatefulSetStatus", "The observed state of a StatefulSet."},
    {"StatefulSetStatus.observedGeneration", "The generation of the spec last acted upon."},
    {"StatefulSetStatus.replicas", "The number of pods the controller created."},
    {"StatefulSetStatus.readyReplicas", "The number of pods with a Ready condition."},
    {"StatefulSetStatus.availableReplicas", "The number of pods Ready for minReadySeconds."},
    {"StatefulSetStatus.currentReplicas", "The number of pods at currentRevision."},
    {"StatefulSetStatus.updatedReplicas", "The number of pods at updateRevision."},
    {"StatefulSetStatus.currentRevision", "The revision of the pods before the update."},
    {"StatefulSetStatus.updateRevision", "The revision the pods are being updated to."},

    // Service.
    {"ServiceSpec", "The behaviour of a Service."},
    {"ServiceSpec.clusterIP",
     "The virtual IP of the service, allocated from the service range when empty. \"None\" "
     "makes the service headless: DNS then answers with the addresses of the ready pods, and "
     "each pod with a hostname and subdomain gets a record of its own. Cannot be changed."},
    {"ServiceSpec.clusterIPs", "The cluster IPs of the service; the first is clusterIP."},
    {"ServiceSpec.ports", "The ports the service serves; each becomes an SRV record."},
    {"ServiceSpec.selector",
     "Pods with these labels are the endpoints of the service. Without a selector the "
     "endpoints are managed by hand."},
    {"ServiceSpec.publishNotReadyAddresses",
     "Publish the DNS records of pods that are not Ready, as StatefulSet peers need to find "
     "each other before they are ready. Defaults to false."},
    {"ServiceSpec.type",
     "How the service is exposed. ClusterIP (the default) is reachable inside the cluster; "
     "ExternalName is a DNS alias for externalName."},
    {"ServiceSpec.externalName", "The DNS name an ExternalName service is an alias (CNAME) for."},
    {"ServicePort", "A port served by a Service."},
    {"ServicePort.name", "The name of the port, unique in the service; used in SRV records."},
    {"ServicePort.protocol", "TCP (the default), UDP or SCTP."},
    {"ServicePort.port", "The port the service serves."},
    {"ServicePort.targetPort", "The port or named container port on the pods. Defaults to port."},

    // PersistentVolumeClaim.
    {"PersistentVolumeClaimSpec", "The storage a claim asks for."},
    {"PersistentVolumeClaimSpec.accessModes",
     "How the volume may be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, "
     "ReadWriteOncePod. A volume must offer every mode asked for."},
    {"PersistentVolumeClaimSpec.selector", "A label query over volumes to bind to."},
    {"PersistentVolumeClaimSpec.resources",
     "The size asked for, as resources.requests.storage (e.g. 1Gi)."},
    {"PersistentVolumeClaimSpec.volumeName", "The name of the PersistentVolume bound to."},
    {"PersistentVolumeClaimSpec.storageClassName",
     "The StorageClass to provision from. Empty string: only volumes without a class."},
    {"PersistentVolumeClaimSpec.volumeMode", "Filesystem (the default) or Block."},
    {"PersistentVolumeClaimSpec.dataSource", "An object to populate the new volume from."},
    {"PersistentVolumeClaimSpec.dataSourceRef", "An object to populate the new volume from."},
    {"VolumeResourceRequirements", "The amount of storage a claim asks for."},
    {"VolumeResourceRequirements.requests", "The minimum amount, e.g. storage: 1Gi."},
    {"VolumeResourceRequirements.limits", "The maximum amount."},

    // Shared metadata types.
    {"ObjectMeta",
     "Metadata every object has: its name and namespace, labels, annotations, "
     "and what the server records."},
    {"ObjectMeta.name", "The name of the object, unique per kind in its namespace."},
    {"ObjectMeta.namespace", "The namespace of the object; empty for cluster-scoped kinds."},
    {"ObjectMeta.labels", "Key/value pairs to select objects by."},
    {"ObjectMeta.annotations", "Key/value pairs for tools; not used to select objects."},
    {"ObjectMeta.uid", "Unique in time and space; set by the server. Read-only."},
    {"ObjectMeta.resourceVersion",
     "The version of the object, for optimistic concurrency: a write with a stale one is a "
     "conflict. Set by the server."},
    {"ObjectMeta.ownerReferences",
     "Objects this one depends on; it is garbage-collected when they are gone."},
    {"LabelSelector", "A label query: matchLabels and matchExpressions, all must hold."},
    {"LabelSelector.matchLabels", "Labels the object must have, with these values."},
    {"LabelSelector.matchExpressions", "Requirements on labels (In, NotIn, Exists, ...)."},

    // Pods.
    {"PodTemplateSpec", "The metadata and spec of the pods to create."},
    {"PodSpec", "The desired behaviour of a pod."},
    {"PodSpec.containers", "The containers of the pod; at least one."},
    {"PodSpec.initContainers", "Containers run to completion, in order, before the others."},
    {"PodSpec.volumes", "Volumes the containers may mount."},
    {"PodSpec.hostname", "The pod's hostname; a StatefulSet sets it to the pod name."},
    {"PodSpec.subdomain",
     "With hostname, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.<domain> "
     "when a headless Service of that name exists."},
    {"PodSpec.restartPolicy", "Always (the default), OnFailure or Never."},
    {"PodSpec.terminationGracePeriodSeconds",
     "How long the pod may take to stop after it is deleted. Defaults to 30."},
    {"PodSpec.nodeSelector", "Labels a node must have for the pod to run there."},
    {"PodSpec.serviceAccountName", "The ServiceAccount the pod runs as."},
    {"PodSpec.affinity", "Scheduling constraints. Kept as written."},
    {"PodSpec.tolerations", "Taints of nodes the pod tolerates."},
    {"PodSpec.securityContext", "Security options of all containers. Kept as written."},
    {"PodTemplateSpec.metadata",
     "Labels and annotations of the pods; labels must match the selector."},
    {"PodTemplateSpec.spec", "The spec of the pods."},
    {"Container", "A container of a pod."},
    {"Container.name", "The name of the container, unique in the pod."},
    {"Container.image", "The container image, e.g. nginx:1.27."},
    {"Container.ports", "Ports the container listens on (informational, and named ports)."},
    {"Container.env", "Environment variables."},
    {"Container.resources", "Compute resources requested and limited."},
    {"Container.volumeMounts", "Volumes of the pod mounted into the container."},
    {"Container.imagePullPolicy",
     "Always, Never or IfNotPresent. Defaults to Always for :latest images, else IfNotPresent."},
    {"Container.command",
     "The entrypoint, not run in a shell; replaces the image's ENTRYPOINT when given."},
    {"Container.args", "Arguments to the entrypoint; replace the image's CMD when given."},
    {"Container.workingDir", "The working directory; the image's when empty."},
    {"Container.envFrom", "Sources (ConfigMaps, Secrets) of whole sets of variables."},
    {"Container.livenessProbe", "Restarts the container when it fails."},
    {"Container.readinessProbe", "Takes the pod out of Service endpoints while it fails."},
    {"Container.startupProbe", "Holds the other probes back until it succeeds once."},
    {"Container.lifecycle", "Actions run after the container starts and before it stops."},
    {"Container.securityContext", "Security options of the container. Kept as written."},
    {"ContainerPort", "A network port of a container."},
    {"ContainerPort.containerPort", "The port number in the container's network namespace."},
    {"ContainerPort.name", "A name for the port, unique in the pod, for Services to refer to."},
    {"VolumeMount.name", "The name of a volume of the pod."},
    {"VolumeMount.mountPath", "Where in the container the volume appears."},
    {"VolumeMount.readOnly", "Mount read-only. Defaults to false."},
    {"VolumeMount.subPath", "A path in the volume to mount instead of its root."},
    {"VolumeMount", "A volume mounted into a container."},
    {"Volume", "A named volume of a pod and where its data comes from."},
    {"Volume.persistentVolumeClaim", "A claim in the pod's namespace to mount."},
    {"EnvVar", "An environment variable of a container."},
    {"Probe", "A check of a container's health, repeated periodically."},

    // Volumes and classes.
    {"PersistentVolumeSpec", "The capacity, access modes and source of a volume."},
    {"PersistentVolumeSpec.capacity", "The size of the volume, e.g. storage: 10Gi."},
    {"PersistentVolumeSpec.claimRef", "The claim bound to the volume."},
    {"PersistentVolumeSpec.persistentVolumeReclaimPolicy",
     "What happens when the claim is released: Retain, Delete or Recycle."},
    {"StorageClass.provisioner", "The provisioner that creates volumes of this class."},
    {"StorageClass.volumeBindingMode",
     "Immediate (the default) binds claims at once; WaitForFirstConsumer waits for a pod."},

    // Scalars with a type of their own.
    {"IntOrString", "An integer or a string, e.g. 8080 or \"http\", 1 or \"25%\"."},
    {"Quantity",
     "A fixed-point number with an optional suffix: 1Gi, 500Mi, 100m, 1.5. Written as a string "
     "or a number."},
};

struct Enumeration {
  std::string_view key;
  std::string_view values[4];  ///< unused trailing entries are empty
};

constexpr Enumeration kEnumerations[] = {
    {"StatefulSetSpec.podManagementPolicy", {"OrderedReady", "Parallel"}},
    {"StatefulSetUpdateStrategy.type", {"OnDelete", "RollingUpdate"}},
    {"StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted", {"Delete", "Retain"}},
    {"StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled", {"Delete", "Retain"}},
    {"ServiceSpec.type", {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}},
    {"ServiceSpec.sessionAffinity", {"ClientIP", "None"}},
    {"ServicePort.protocol", {"SCTP", "TCP", "UDP"}},
    {"ContainerPort.protocol", {"SCTP", "TCP", "UDP"}},
    {"Container.imagePullPolicy", {"Always", "IfNotPresent", "Never"}},
    {"PodSpec.restartPolicy", {"Always", "Never", "OnFailure"}},
    {"PersistentVolumeClaimSpec.volumeMode", {"Block", "Filesystem"}},
    {"PersistentVolumeSpec.persistentVolumeReclaimPolicy", {"Delete", "Recycle", "Retain"}},
    {"StorageClass.reclaimPolicy", {"Delete", "Recycle", "Retain"}},
    {"StorageClass.volumeBindingMode", {"Immediate", "WaitForFirstConsumer"}},
};

}  // namespace

std::string_view openapi_description(std::string_view key) {
  for (const auto& entry : kDescriptions)
    if (entry.key == key) return entry.text;
  return {};
}

std::vector<std::string_view> openapi_enum(std::string_view key) {
  for (const auto& entry : kEnumerations)
    if (entry.key == key) {
      std::vector<std::string_view> values;
      for (auto value : entry.values)
        if (!value.empty()) values.push_back(value);
      return values;
    }
  return {};
}

}  // namespace ordinal::api
