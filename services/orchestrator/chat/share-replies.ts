import type { Locale } from "./pending";
import { pick, quote } from "./replies";

const roleWord = (l: Locale, role: string) =>
  role === "owner"
    ? pick(l, "owner", "مالک", "malik")
    : role === "viewer"
      ? pick(l, "viewer", "ناظر", "viewer")
      : pick(l, "editor", "ایڈیٹر", "editor");

/** The replies of sharing actions, in English, Urdu script and Roman Urdu. Names and addresses are quoted data. */
export const shareReplies = {
  askInvite: (l: Locale, email: string, project: string, role: string) =>
    pick(
      l,
      `Invite ${quote(l, email)} to ${quote(l, project)} as ${roleWord(l, role)}? They get an email link. (yes/no)`,
      `کیا ${quote(l, email)} کو ${quote(l, project)} میں ${roleWord(l, role)} کے طور پر دعوت دوں؟ انہیں ای میل میں لنک ملے گا۔ (ہاں/نہیں)`,
      `Kya ${quote(l, email)} ko ${quote(l, project)} mein ${roleWord(l, role)} ke taur par dawat doon? Unhein email mein link milega. (haan/nahi)`,
    ),
  invited: (l: Locale, email: string, project: string) =>
    pick(
      l,
      `Invited ${quote(l, email)} to ${quote(l, project)}.`,
      `${quote(l, email)} کو ${quote(l, project)} کی دعوت بھیج دی گئی۔`,
      `${quote(l, email)} ko ${quote(l, project)} ki dawat bhej di.`,
    ),
  needEmail: (l: Locale, person: string, project: string) =>
    pick(
      l,
      `I invite people by email address: what is ${quote(l, person)}'s address? Say "share ${project} with name@example.com".`,
      `دعوت ای میل پتے پر جاتی ہے: ${quote(l, person)} کا ای میل کیا ہے؟ کہیں "${project} name@example.com کے ساتھ شیئر کرو"۔`,
      `Dawat email address par jati hai: ${quote(l, person)} ka email kya hai? Kahein "${project} name@example.com ke sath share karo".`,
    ),
  members: (l: Locale, project: string, lines: readonly string[], invited: number) =>
    pick(
      l,
      `${quote(l, project)} is shared with:\n${lines.join("\n")}${invited ? `\n${invited} invitation(s) waiting.` : ""}`,
      `${quote(l, project)} ان کے ساتھ شیئر ہے:\n${lines.join("\n")}${invited ? `\n${invited} دعوت(یں) جواب کی منتظر۔` : ""}`,
      `${quote(l, project)} in ke sath share hai:\n${lines.join("\n")}${invited ? `\n${invited} dawat(ein) jawab ki muntazir.` : ""}`,
    ),
  member: (l: Locale, name: string, email: string, role: string) =>
    `${quote(l, name)} <${email}> — ${roleWord(l, role)}`,
  askWhichPerson: (l: Locale, person: string) =>
    pick(
      l,
      `Several members match ${quote(l, person)}. Which one?`,
      `${quote(l, person)} سے کئی ممبر ملتے ہیں۔ کون سا؟`,
      `${quote(l, person)} se kai members milte hain. Kaun sa?`,
    ),
  noMember: (l: Locale, person: string, project: string) =>
    pick(
      l,
      `Nobody called ${quote(l, person)} is a member of ${quote(l, project)}.`,
      `${quote(l, person)} نام کا کوئی ممبر ${quote(l, project)} میں نہیں ہے۔`,
      `${quote(l, person)} naam ka koi member ${quote(l, project)} mein nahi hai.`,
    ),
  askRemove: (l: Locale, name: string, project: string) =>
    pick(
      l,
      `Remove ${quote(l, name)} from ${quote(l, project)}? They lose access at once. (yes/no)`,
      `کیا ${quote(l, name)} کو ${quote(l, project)} سے نکال دوں؟ ان کی رسائی فوراً ختم ہو جائے گی۔ (ہاں/نہیں)`,
      `Kya ${quote(l, name)} ko ${quote(l, project)} se nikal doon? Un ki rasai foran khatam ho jaye gi. (haan/nahi)`,
    ),
  removed: (l: Locale, name: string, project: string) =>
    pick(
      l,
      `Removed ${quote(l, name)} from ${quote(l, project)}.`,
      `${quote(l, name)} کو ${quote(l, project)} سے نکال دیا گیا۔`,
      `${quote(l, name)} ko ${quote(l, project)} se nikal diya.`,
    ),
  askLeave: (l: Locale, project: string) =>
    pick(
      l,
      `Leave ${quote(l, project)}? You lose access until invited again. (yes/no)`,
      `کیا ${quote(l, project)} چھوڑ دیں؟ دوبارہ دعوت تک رسائی ختم ہو جائے گی۔ (ہاں/نہیں)`,
      `Kya ${quote(l, project)} chhor dein? Dobara dawat tak rasai khatam ho jaye gi. (haan/nahi)`,
    ),
  left: (l: Locale, project: string) =>
    pick(
      l,
      `You left ${quote(l, project)}.`,
      `آپ نے ${quote(l, project)} چھوڑ دیا۔`,
      `Aap ne ${quote(l, project)} chhor diya.`,
    ),
  ownerCannotLeave: (l: Locale, project: string) =>
    pick(
      l,
      `You own ${quote(l, project)}: hand it to a member in the app first, then you can leave.`,
      `${quote(l, project)} آپ کا ہے: پہلے ایپ میں کسی ممبر کو ملکیت دیں، پھر چھوڑ سکتے ہیں۔`,
      `${quote(l, project)} aap ka hai: pehle app mein kisi member ko malikiyat dein, phir chhor sakte hain.`,
    ),
  refused: (l: Locale, project: string) =>
    pick(
      l,
      `Only the owner of ${quote(l, project)} may do that.`,
      `یہ صرف ${quote(l, project)} کا مالک کر سکتا ہے۔`,
      `Yeh sirf ${quote(l, project)} ka malik kar sakta hai.`,
    ),
};
