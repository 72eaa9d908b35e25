// A small NetworkPolicy evaluator for the tests: enough of the API (pod and namespace label selectors
// with matchLabels / In / Exists, ipBlock, ports with endPort) to ask whether one taskmesh pod may
// reach another on a port once every policy in a render applies.
import { at, type K8sObject, list } from "./render";

type Labels = Record<string, string>;

/** Endpoint is a pod, described by its namespace and labels. */
export interface Endpoint {
  namespace: string;
  labels: Labels;
}

function selects(selector: unknown, labels: Labels): boolean {
  if (selector === undefined || selector === null) return false;
  const matchLabels = (at(selector, "matchLabels") ?? {}) as Labels;
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const expression of list(at(selector, "matchExpressions"))) {
    const key = String(at(expression, "key"));
    const operator = String(at(expression, "operator"));
    const values = list(at(expression, "values")).map(String);
    const has = key in labels;
    if (operator === "In" && !(has && values.includes(labels[key]!))) return false;
    if (operator === "NotIn" && has && values.includes(labels[key]!)) return false;
    if (operator === "Exists" && !has) return false;
    if (operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function peerMatches(peer: unknown, policyNamespace: string, other: Endpoint): boolean {
  // ipBlock peers stand for addresses outside the cluster; pods are never matched through them here.
  if (at(peer, "ipBlock") !== undefined) return false;
  const namespaceSelector = at(peer, "namespaceSelector");
  const podSelector = at(peer, "podSelector");
  const namespaceOk =
    namespaceSelector === undefined
      ? other.namespace === policyNamespace
      : selects(namespaceSelector, { "kubernetes.io/metadata.name": other.namespace });
  const podOk = podSelector === undefined ? true : selects(podSelector, other.labels);
  return namespaceOk && podOk;
}

function portMatches(ports: unknown, port: number): boolean {
  const rules = list(ports);
  if (rules.length === 0) return true;
  return rules.some((rule) => {
    const start = Number(at(rule, "port"));
    const end = at(rule, "endPort") === undefined ? start : Number(at(rule, "endPort"));
    const protocol = (at(rule, "protocol") ?? "TCP") as string;
    return protocol === "TCP" && port >= start && port <= end;
  });
}

function policiesFor(policies: K8sObject[], pod: Endpoint, direction: "Ingress" | "Egress"): K8sObject[] {
  return policies.filter(
    (policy) =>
      (policy.metadata.namespace ?? "default") === pod.namespace &&
      list(at(policy, "spec", "policyTypes")).includes(direction) &&
      selects(at(policy, "spec", "podSelector") ?? {}, pod.labels),
  );
}

function allowedOneWay(
  policies: K8sObject[],
  pod: Endpoint,
  other: Endpoint,
  port: number,
  direction: "Ingress" | "Egress",
): boolean {
  const applying = policiesFor(policies, pod, direction);
  if (applying.length === 0) return true;
  const rulesKey = direction === "Ingress" ? "ingress" : "egress";
  const peersKey = direction === "Ingress" ? "from" : "to";
  return applying.some((policy) =>
    list(at(policy, "spec", rulesKey)).some((rule) => {
      const peers = list(at(rule, peersKey));
      const peerOk = peers.length === 0 || peers.some((peer) => peerMatches(peer, pod.namespace, other));
      return peerOk && portMatches(at(rule, "ports"), port);
    }),
  );
}

/** allows tells whether `from` may open a TCP connection to `to` on `port` under the given policies. */
export function allows(objects: K8sObject[], from: Endpoint, to: Endpoint, port: number): boolean {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  return allowedOneWay(policies, from, to, port, "Egress") && allowedOneWay(policies, to, from, port, "Ingress");
}

/** egressToOutside tells whether a pod may reach an address outside the cluster on a port. */
export function egressToOutside(objects: K8sObject[], from: Endpoint, port: number): boolean {
  const policies = policiesFor(
    objects.filter((o) => o.kind === "NetworkPolicy"),
    from,
    "Egress",
  );
  if (policies.length === 0) return true;
  return policies.some((policy) =>
    list(at(policy, "spec", "egress")).some(
      (rule) =>
        list(at(rule, "to")).some((peer) => at(peer, "ipBlock", "cidr") === "0.0.0.0/0") &&
        portMatches(at(rule, "ports"), port),
    ),
  );
}
