import { corpusLines, type Utterance } from "./utterance";

/**
 * Issue 15's sharing sentences in English, Urdu script and Roman Urdu, written with the rules (so not held
 * out): the person is the reference, a said role the one name. The look-alikes that must stay tasks ("leave
 * home at 8", "remove the tag from …", "smoking chhor do") are in share-rules.test.ts.
 */
export const SHARE: Utterance[] = corpusLines([
  "share Groceries with sara@example.com | en | share_project | project=Groceries | reference=sara@example.com",
  "share my Groceries project with sara@example.com as viewer | en | share_project | project=Groceries | names=viewer | reference=sara@example.com",
  "invite ali@example.com to Trip | en | share_project | project=Trip | reference=ali@example.com",
  "who is in Groceries? | en | list_members | project=Groceries",
  "remove sara from Groceries | en | remove_member | project=Groceries | reference=sara",
  "leave Groceries | en | leave_project | project=Groceries",
  "گروسری sara@example.com کے ساتھ شیئر کرو | ur | share_project | project=گروسری | reference=sara@example.com",
  "گروسری sara@example.com کے ساتھ ناظر کے طور پر شیئر کرو | ur | share_project | project=گروسری | names=viewer | reference=sara@example.com",
  "گروسری میں کون کون ہے؟ | ur | list_members | project=گروسری",
  "سارہ کو گروسری پروجیکٹ سے نکال دو | ur | remove_member | project=گروسری | reference=سارہ",
  "گروسری پروجیکٹ چھوڑ دو | ur | leave_project | project=گروسری",
  "Groceries sara@example.com ke sath share karo | roman-ur | share_project | project=Groceries | reference=sara@example.com",
  "Groceries sara@example.com ke sath viewer ke taur par share kar do | roman-ur | share_project | project=Groceries | names=viewer | reference=sara@example.com",
  "Groceries mein kaun kaun hai | roman-ur | list_members | project=Groceries",
  "Sara ko Groceries project se nikal do | roman-ur | remove_member | project=Groceries | reference=Sara",
  "Groceries project chhor dena hai | roman-ur | leave_project | project=Groceries",
  "mujhe Groceries project se nikal do | roman-ur | leave_project | project=Groceries",
]);
