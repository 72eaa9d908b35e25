import type { Utterance } from "./utterance";

/**
 * Issue 15's sharing sentences in English, Urdu script and Roman Urdu, written with the rules (so not held
 * out): the person is the reference, a said role the one name. The look-alikes that must stay tasks ("leave
 * home at 8", "remove the tag from …", "smoking chhor do") are in share-rules.test.ts.
 */
export const SHARE: Utterance[] = [
  {
    text: "share Groceries with sara@example.com",
    language: "en",
    intent: "share_project",
    project: "Groceries",
    reference: "sara@example.com",
  },
  {
    text: "share my Groceries project with sara@example.com as viewer",
    language: "en",
    intent: "share_project",
    project: "Groceries",
    reference: "sara@example.com",
    names: ["viewer"],
  },
  {
    text: "invite ali@example.com to Trip",
    language: "en",
    intent: "share_project",
    project: "Trip",
    reference: "ali@example.com",
  },
  { text: "who is in Groceries?", language: "en", intent: "list_members", project: "Groceries" },
  {
    text: "remove sara from Groceries",
    language: "en",
    intent: "remove_member",
    project: "Groceries",
    reference: "sara",
  },
  { text: "leave Groceries", language: "en", intent: "leave_project", project: "Groceries" },
  {
    text: "گروسری sara@example.com کے ساتھ شیئر کرو",
    language: "ur",
    intent: "share_project",
    project: "گروسری",
    reference: "sara@example.com",
  },
  {
    text: "گروسری sara@example.com کے ساتھ ناظر کے طور پر شیئر کرو",
    language: "ur",
    intent: "share_project",
    project: "گروسری",
    reference: "sara@example.com",
    names: ["viewer"],
  },
  { text: "گروسری میں کون کون ہے؟", language: "ur", intent: "list_members", project: "گروسری" },
  {
    text: "سارہ کو گروسری پروجیکٹ سے نکال دو",
    language: "ur",
    intent: "remove_member",
    project: "گروسری",
    reference: "سارہ",
  },
  { text: "گروسری پروجیکٹ چھوڑ دو", language: "ur", intent: "leave_project", project: "گروسری" },
  {
    text: "Groceries sara@example.com ke sath share karo",
    language: "roman-ur",
    intent: "share_project",
    project: "Groceries",
    reference: "sara@example.com",
  },
  {
    text: "Groceries sara@example.com ke sath viewer ke taur par share kar do",
    language: "roman-ur",
    intent: "share_project",
    project: "Groceries",
    reference: "sara@example.com",
    names: ["viewer"],
  },
  { text: "Groceries mein kaun kaun hai", language: "roman-ur", intent: "list_members", project: "Groceries" },
  {
    text: "Sara ko Groceries project se nikal do",
    language: "roman-ur",
    intent: "remove_member",
    project: "Groceries",
    reference: "Sara",
  },
  { text: "Groceries project chhor dena hai", language: "roman-ur", intent: "leave_project", project: "Groceries" },
  { text: "mujhe Groceries project se nikal do", language: "roman-ur", intent: "leave_project", project: "Groceries" },
];
